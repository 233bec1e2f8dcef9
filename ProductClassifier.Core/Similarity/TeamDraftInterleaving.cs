namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Team-draft interleaving (Radlinski, Kurup and Joachims, 2008) of two embeddings' neighbour lists, for judging them
/// blind: like captains picking teams, the embedding with fewer picks so far (a coin decides a tie) adds its best
/// neighbour not shown yet, so each position is equally likely to come from either and neither is favoured by being
/// shown first. A neighbour both return is shown once, credited to the embedding that picked it. The lists are
/// interleaved to the end, so every neighbour of either list is shown and each embedding's precision@k can be read
/// from the verdicts on its own top k.
/// </summary>
public static class TeamDraftInterleaving
{
    /// <param name="pretrained">The pretrained embedding's neighbours, nearest first.</param>
    /// <param name="learned">The learned embedding's neighbours, nearest first.</param>
    /// <param name="seed">Decides the coin flips: the same seed shows the same order again (a reload, a verdict's save).</param>
    public static IReadOnlyList<InterleavedNeighbour> Interleave(IReadOnlyList<long> pretrained, IReadOnlyList<long> learned, int seed)
    {
        var ranks = (Pretrained: Ranks(pretrained), Learned: Ranks(learned));
        var random = new Random(seed);
        var shown = new List<InterleavedNeighbour>();
        var taken = new HashSet<long>();
        var (nextPretrained, nextLearned, picksPretrained, picksLearned) = (0, 0, 0, 0);
        while (true)
        {
            while (nextPretrained < pretrained.Count && taken.Contains(pretrained[nextPretrained])) nextPretrained++;
            while (nextLearned < learned.Count && taken.Contains(learned[nextLearned])) nextLearned++;
            var (pretrainedLeft, learnedLeft) = (nextPretrained < pretrained.Count, nextLearned < learned.Count);
            if (!pretrainedLeft && !learnedLeft) break;
            var pretrainedPicks = !learnedLeft || (pretrainedLeft &&
                (picksPretrained < picksLearned || (picksPretrained == picksLearned && random.Next(2) == 0)));
            var (product, team) = pretrainedPicks
                ? (pretrained[nextPretrained], SimilarityEmbedding.Pretrained)
                : (learned[nextLearned], SimilarityEmbedding.Learned);
            if (pretrainedPicks) picksPretrained++;
            else picksLearned++;
            taken.Add(product);
            shown.Add(new InterleavedNeighbour(product, team, Rank(ranks.Pretrained, product), Rank(ranks.Learned, product)));
        }
        return shown;
    }

    /// <summary>A seed for a query's interleaving that stays the same for the same query, filter and k.</summary>
    public static int SeedFor(long queryProductId, int? categoryId, int k) =>
        unchecked((int)((ulong)(queryProductId * 2654435761L + (categoryId ?? 0) * 40503L + k) % int.MaxValue));

    private static Dictionary<long, int> Ranks(IReadOnlyList<long> list)
    {
        var ranks = new Dictionary<long, int>();
        for (var i = 0; i < list.Count; i++) ranks.TryAdd(list[i], i + 1);
        return ranks;
    }

    private static int? Rank(Dictionary<long, int> ranks, long product) => ranks.TryGetValue(product, out var rank) ? rank : null;
}

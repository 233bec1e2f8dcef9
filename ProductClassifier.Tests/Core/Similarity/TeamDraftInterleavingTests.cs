using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>Team-draft interleaving of the two embeddings' neighbour lists, checked over many seeds.</summary>
public sealed class TeamDraftInterleavingTests
{
    private static readonly long[] Pretrained = [1, 2, 3, 4, 5, 6];
    private static readonly long[] Learned = [3, 7, 1, 8, 9, 2];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(1234567)]
    public void Shows_each_neighbour_of_either_list_once_credited_to_an_embedding_that_returned_it(int seed)
    {
        var shown = TeamDraftInterleaving.Interleave(Pretrained, Learned, seed);

        Assert.Equal(shown.Count, shown.Select(n => n.ProductId).Distinct().Count());
        Assert.Equal(Pretrained.Union(Learned).Order(), shown.Select(n => n.ProductId).Order());
        foreach (var n in shown)
        {
            Assert.Equal(Array.IndexOf(Pretrained, n.ProductId) is var p and >= 0 ? p + 1 : null, n.PretrainedRank);
            Assert.Equal(Array.IndexOf(Learned, n.ProductId) is var l and >= 0 ? l + 1 : null, n.LearnedRank);
            Assert.NotNull(n.RankIn(n.Team));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(99)]
    public void Each_pick_is_the_pickers_best_neighbour_not_yet_shown_and_the_team_behind_picks_next(int seed)
    {
        var shown = TeamDraftInterleaving.Interleave(Pretrained, Learned, seed);

        var (picks, taken) = (new Dictionary<SimilarityEmbedding, int> { [SimilarityEmbedding.Pretrained] = 0, [SimilarityEmbedding.Learned] = 0 }, new HashSet<long>());
        foreach (var n in shown)
        {
            var own = n.Team == SimilarityEmbedding.Pretrained ? Pretrained : Learned;
            Assert.Equal(own.First(id => !taken.Contains(id)), n.ProductId);
            var other = n.Team == SimilarityEmbedding.Pretrained ? SimilarityEmbedding.Learned : SimilarityEmbedding.Pretrained;
            var otherHasMore = (other == SimilarityEmbedding.Pretrained ? Pretrained : Learned).Any(id => !taken.Contains(id));
            // A team behind never waits while the other picks, unless it has nothing left to pick.
            Assert.True(picks[n.Team] <= picks[other] || !otherHasMore, $"{n.Team} picked {n.ProductId} ahead of its turn");
            picks[n.Team]++;
            taken.Add(n.ProductId);
        }
    }

    [Fact]
    public void The_same_seed_shows_the_same_order_and_either_embedding_may_pick_first()
    {
        Assert.Equal(TeamDraftInterleaving.Interleave(Pretrained, Learned, 5), TeamDraftInterleaving.Interleave(Pretrained, Learned, 5));

        var first = Enumerable.Range(0, 200).Select(seed => TeamDraftInterleaving.Interleave(Pretrained, Learned, seed)[0].Team).ToList();
        var learnedFirst = first.Count(t => t == SimilarityEmbedding.Learned);
        Assert.InRange(learnedFirst, 70, 130); // a fair coin: 100 ± 4 standard deviations
    }

    [Fact]
    public void A_neighbour_both_return_is_shown_once_and_credited_to_the_one_that_picked_it()
    {
        // Both lists are the same: every neighbour is shown once, and the two teams take turns.
        long[] same = [10, 11, 12, 13];

        var shown = TeamDraftInterleaving.Interleave(same, same, seed: 3);

        Assert.Equal(same, shown.Select(n => n.ProductId));
        Assert.All(shown, n => Assert.Equal((int)(n.ProductId - 9), n.PretrainedRank));
        Assert.Equal(2, shown.Count(n => n.Team == SimilarityEmbedding.Learned));
        Assert.NotEqual(shown[0].Team, shown[1].Team);
    }

    [Fact]
    public void An_empty_list_leaves_the_other_one_in_its_own_order()
    {
        var shown = TeamDraftInterleaving.Interleave([], Learned, seed: 1);

        Assert.Equal(Learned, shown.Select(n => n.ProductId));
        Assert.All(shown, n => Assert.Equal(SimilarityEmbedding.Learned, n.Team));
    }
}

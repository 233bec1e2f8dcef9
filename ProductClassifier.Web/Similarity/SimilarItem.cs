namespace ProductClassifier.Web.Similarity;

/// <summary>A neighbour: cosine <paramref name="Distance"/> (0 identical … 2 opposite) and <paramref name="Similarity"/> = 1 − distance.</summary>
public sealed record SimilarItem(int Rank, long Id, string? Title, string? Brand, IReadOnlyList<string> Categories, string? ImageUrl,
    float Distance, float Similarity);

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>One record of a feed: a product, or the reason it was skipped (with its id when that was readable).</summary>
internal readonly record struct FeedRow(long Line, StagedProduct? Product, FeedReject? Reject, string? RejectedId = null)
{
    public static FeedRow Rejected(long line, string field, string reason, string raw, string? id = null) =>
        new(line, null, new FeedReject(line, field, reason, raw), id);
}

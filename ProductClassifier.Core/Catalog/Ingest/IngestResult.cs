namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>What an ingest did.</summary>
/// <param name="Read">Records read from the feed (blank lines aside), rejected ones included.</param>
/// <param name="Inserted">Products new to the catalogue.</param>
/// <param name="Updated">Known products whose mapped content changed.</param>
/// <param name="Unchanged">Known products whose content is the same (only their last-seen time moved).</param>
/// <param name="Rejected">Records skipped; each is a line of <paramref name="RejectFile"/>.</param>
/// <param name="Gone">With a full feed: products of the source newly marked gone.</param>
/// <param name="RejectFile">The reject file, or <see langword="null"/> when no row was rejected.</param>
/// <param name="ChangedProductIds">Ids of the inserted and updated products: the ones whose predictions are stale.</param>
/// <param name="FirstRejects">The first few rejects, for a summary.</param>
public sealed record IngestResult(
    long Read, int Inserted, int Updated, int Unchanged, int Rejected, int Gone,
    string? RejectFile, IReadOnlyList<long> ChangedProductIds, IReadOnlyList<FeedReject> FirstRejects);

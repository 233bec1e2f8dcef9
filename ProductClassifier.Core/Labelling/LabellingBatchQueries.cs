namespace ProductClassifier.Core.Labelling;

/// <summary>Questions about labelling rounds that several processes ask, written once so they all mean the same.</summary>
public static class LabellingBatchQueries
{
    /// <summary>
    /// The catalogue's open round: a batch without a resulting model version. Rounds finish in order, so the first
    /// by round number is the one being labelled.
    /// </summary>
    public static IQueryable<LabellingBatch> OpenRound(this IQueryable<LabellingBatch> batches, int catalogueId) =>
        batches.Where(b => b.CatalogueId == catalogueId && b.ResultVersionId == null).OrderBy(b => b.Round);
}

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>A feed row that was skipped: where it starts, which field was at fault, why, and its first characters.</summary>
public sealed record FeedReject(long Line, string Field, string Reason, string Raw)
{
    /// <summary>"line 12, price: …" — the form the summary and error messages use.</summary>
    public override string ToString() => $"line {Line}, {Field}: {Reason}";
}

using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>How far a job is, 0 to 1, and what it is doing.</summary>
public sealed record ProgressEvent(double Progress, string? Text = null) : JobEventPayload
{
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Progress:P0}{(Text is null ? "" : $": {Text}")}");
}

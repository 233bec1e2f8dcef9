using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// How long each call of the labelling services takes on the server: the histogram <see cref="DurationName"/> in
/// milliseconds, tagged <c>operation</c> (<see cref="Next"/>, <see cref="Decide"/>, …), on the meter
/// <see cref="MeterName"/>. OpenTelemetry or dotnet-counters can export it; the browser benchmark reads it in-process.
/// </summary>
public static class LabellingMetrics
{
    public const string MeterName = "ProductClassifier.Labelling";
    public const string DurationName = "productclassifier.labelling.duration";
    public const string OperationTag = "operation";

    public const string Next = "next", Peek = "peek", Decide = "decide", Skip = "skip", Undo = "undo",
        Progress = "progress", History = "history", Revisit = "revisit";

    // One process-wide instrument, as the services it times are singletons.
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationName, "ms",
        "Time a labelling service call takes on the server, database round trips included");

    /// <summary>Times the caller until disposed: <c>using var timing = LabellingMetrics.Time(LabellingMetrics.Next);</c></summary>
    internal static Timing Time(string operation) => new(operation, Stopwatch.GetTimestamp());

    internal readonly struct Timing(string operation, long started) : IDisposable
    {
        public void Dispose()
        {
            if (Duration.Enabled)
                Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>(OperationTag, operation));
        }
    }
}

using System.Text.Json;

namespace ProductClassifier.Web.Jobs;

/// <summary>A line of a job's log: when, what kind, the event in words, and the payloads it was made from.</summary>
public sealed record JobLogLine(long EventId, DateTime At, string Kind, string Text, IReadOnlyList<JsonElement> Payloads);

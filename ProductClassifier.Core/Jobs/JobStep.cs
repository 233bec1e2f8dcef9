using System.Text.Json.Nodes;

namespace ProductClassifier.Core.Jobs;

/// <summary>A job to queue, as one step of a <see cref="JobChain"/>: its kind and parameters (null: none).</summary>
public sealed record JobStep(string Kind, JsonObject? Parameters = null);

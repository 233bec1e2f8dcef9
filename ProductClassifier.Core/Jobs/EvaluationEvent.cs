using System.Globalization;
using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Core.Jobs;

/// <summary>A job's new model version, scored on the ground-truth test set by its served ensemble.</summary>
public sealed record EvaluationEvent(int Version, double MacroF1, double MicroF1) : JobEventPayload
{
    /// <summary>The ensemble the version serves (average or meta), where the job chose it.</summary>
    public string? Served { get; init; }

    /// <summary>The labelling round the version finished, for a fine-tune round.</summary>
    public int? Round { get; init; }

    /// <summary>Every model of the version, the rules included.</summary>
    public IReadOnlyList<MemberScore> Models { get; init; } = [];

    /// <summary>The served ensemble's scores per category.</summary>
    public IReadOnlyList<CategoryMetrics> Categories { get; init; } = [];

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"model v{Version}{(Round is { } r ? $" from round {r}" : "")}{(Served is null ? "" : $", serving {Served}")}: " +
        $"ground-truth macro-F1 {MacroF1:0.###}, micro-F1 {MicroF1:0.###}");
}

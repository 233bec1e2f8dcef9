using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>A training step of one run (workers thin these to about one a second).</summary>
/// <param name="Run">Which training: a member ("fasttext") or one of its folds ("fasttext fold 2/3").</param>
public sealed record StepEvent(string Run, int Epoch, int Step, int StepsPerEpoch, float Loss) : JobEventPayload
{
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Run}: epoch {Epoch}, step {Step}/{StepsPerEpoch}, loss {Loss:0.###}");
}

using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>One run's scores on its validation rows after an epoch.</summary>
/// <param name="MicroF1">Micro-F1 at a 0.5 threshold over the known validation labels: a live signal, not the evaluation.</param>
/// <param name="Improved">The validation loss is the run's best so far (its weights are the ones kept).</param>
public sealed record ValidationEvent(string Run, int Epoch, float Loss, float MicroF1, bool Improved) : JobEventPayload
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Run}: epoch {Epoch}, validation loss {Loss:0.###}, validation micro-F1 {MicroF1:0.###}{(Improved ? " (best so far)" : "")}");
}

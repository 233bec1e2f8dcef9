using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>An epoch of one run finished.</summary>
/// <param name="Run">Which training: a member ("fasttext") or one of its folds ("fasttext fold 2/3").</param>
/// <param name="Epochs">The most epochs the run may take (it may stop early).</param>
public sealed record EpochEvent(string Run, int Epoch, int Epochs, float TrainLoss, TimeSpan Elapsed) : JobEventPayload
{
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Run}: epoch {Epoch}/{Epochs}, loss {TrainLoss:0.###} ({Elapsed.TotalSeconds:0.#} s)");
}

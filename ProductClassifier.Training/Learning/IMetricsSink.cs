namespace ProductClassifier.Training.Learning;

/// <summary>
/// Where training reports progress: the CLI draws it, the worker stores and relays it. Called on the training thread;
/// implementations should return quickly.
/// </summary>
public interface IMetricsSink
{
    void OnStep(TrainingStep step);
    void OnEpoch(TrainingEpoch epoch);
    void OnValidation(ValidationMetrics metrics);
}

/// <param name="Run">Which training this is, e.g. "linear" or "linear fold 2/5".</param>
/// <param name="Epochs">The epochs the run is set to (early stopping may end it sooner); 0 when unknown.</param>
public sealed record TrainingStep(string Run, int Epoch, int Step, int StepsPerEpoch, float Loss, int Epochs = 0);

public sealed record TrainingEpoch(string Run, int Epoch, int Epochs, float TrainLoss, TimeSpan Elapsed);

/// <param name="MicroF1">Micro-F1 at a 0.5 threshold over the known validation labels: a live signal, not the evaluation.</param>
public sealed record ValidationMetrics(string Run, int Epoch, float Loss, float MicroF1, bool Improved);

public sealed class NullMetricsSink : IMetricsSink
{
    public static NullMetricsSink Instance { get; } = new();
    public void OnStep(TrainingStep step) { }
    public void OnEpoch(TrainingEpoch epoch) { }
    public void OnValidation(ValidationMetrics metrics) { }
}

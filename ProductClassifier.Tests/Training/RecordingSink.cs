using ProductClassifier.Training.Learning;

namespace ProductClassifier.Tests.Training;

internal sealed class RecordingSink(Action<TrainingStep>? onStep = null, Action<TrainingEpoch>? onEpoch = null) : IMetricsSink
{
    public List<TrainingStep> Steps { get; } = [];
    public List<TrainingEpoch> Epochs { get; } = [];
    public List<ValidationMetrics> Validations { get; } = [];

    public void OnStep(TrainingStep step) { Steps.Add(step); onStep?.Invoke(step); }
    public void OnEpoch(TrainingEpoch epoch) { Epochs.Add(epoch); onEpoch?.Invoke(epoch); }
    public void OnValidation(ValidationMetrics metrics) => Validations.Add(metrics);
}

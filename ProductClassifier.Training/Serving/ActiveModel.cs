using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Rules;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Serving;

/// <summary>A catalogue's active model loaded for serving, with the rule matcher its inputs need.</summary>
public sealed class ActiveModel(ModelVersion version, TrainedClassifier classifier, RuleMatcher rules) : IDisposable
{
    public ModelVersion Version { get; } = version;
    public TrainedClassifier Classifier { get; } = classifier;
    public RuleMatcher Rules { get; } = rules;

    public bool NeedsImages => Classifier.Ensemble.Members.Any(m => m.Spec.AllBlocks.Contains(FeatureSet.Image));
    public bool NeedsSentences => Classifier.Ensemble.Members.Any(m => m.Spec.AllBlocks.Contains(FeatureSet.Sentence));

    public void Dispose() => Classifier.Dispose();
}

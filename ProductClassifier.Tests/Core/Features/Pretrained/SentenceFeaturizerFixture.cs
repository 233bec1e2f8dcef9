using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

/// <summary>One encoder per test class: loading MiniLM takes about a second.</summary>
public sealed class SentenceFeaturizerFixture : IDisposable
{
    public SentenceFeaturizer Featurizer { get; } = new();

    public void Dispose() => Featurizer.Dispose();
}

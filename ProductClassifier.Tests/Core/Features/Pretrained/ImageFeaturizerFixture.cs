using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

/// <summary>One featurizer shared by the image test classes: starting the model sessions takes a few seconds.</summary>
public sealed class ImageFeaturizerFixture : IDisposable
{
    public ImageFeaturizer Featurizer { get; } = new(new ImageFeaturizerOptions { Sessions = 2 });

    public void Dispose() => Featurizer.Dispose();
}

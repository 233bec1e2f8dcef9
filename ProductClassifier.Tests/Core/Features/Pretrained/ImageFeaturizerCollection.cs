namespace ProductClassifier.Tests.Core.Features.Pretrained;

/// <summary>The image test classes share one <see cref="ImageFeaturizerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ImageFeaturizerCollection : ICollectionFixture<ImageFeaturizerFixture>
{
    public const string Name = "image featurizer";
}

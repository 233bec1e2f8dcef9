namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>Progress of <see cref="FeatureCache.GetOrComputeAsync"/>.</summary>
/// <param name="Completed">Products done so far, those found in the cache included.</param>
/// <param name="FromCache">Products whose rows came from the cache without recomputation.</param>
public sealed record FeaturizeProgress(string Block, int Completed, int Total, int FromCache);

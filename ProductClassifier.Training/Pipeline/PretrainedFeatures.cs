using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Training.Pipeline;

/// <summary>
/// ResNet18 image features and MiniLM sentence features from the on-disk cache of a catalogue or data set,
/// computed for the products the cache lacks. The models load on first use.
/// </summary>
public sealed class PretrainedFeatures(string cacheFolder, IProgress<FeaturizeProgress>? progress = null) : IPretrainedFeatures, IDisposable
{
    private readonly Lazy<ImageFeaturizer> _images = new(() => new ImageFeaturizer());
    private readonly Lazy<SentenceFeaturizer> _sentences = new(() => new SentenceFeaturizer());

    public FeatureCache Cache { get; } = new(cacheFolder);

    /// <summary>The cache of a catalogue or data set: <c>.data/features/NAME</c>, shared by the CLI and the worker.</summary>
    public static PretrainedFeatures For(string name, IProgress<FeaturizeProgress>? progress = null) =>
        new(Core.Data.ProjectRoot.DataFolder("features", name), progress);

    public string ImageExecutionProvider => _images.Value.ExecutionProvider;

    public async Task AddAsync(FeatureSet features, IReadOnlyList<ProductRecord> products, CancellationToken ct)
    {
        foreach (var cached in await ComputeAsync(products, ct)) cached.AddTo(features);
    }

    /// <summary>Both blocks for the products, computing what the cache lacks.</summary>
    public async Task<IReadOnlyList<CachedFeatures>> ComputeAsync(IReadOnlyList<ProductRecord> products, CancellationToken ct) =>
        [await ImagesAsync(products, ct), await SentencesAsync(products, ct)];

    public Task<CachedFeatures> ImagesAsync(IReadOnlyList<ProductRecord> products, CancellationToken ct) =>
        Cache.GetOrComputeAsync(_images.Value, products, progress, ct);

    public Task<CachedFeatures> SentencesAsync(IReadOnlyList<ProductRecord> products, CancellationToken ct) =>
        Cache.GetOrComputeAsync(_sentences.Value, products, progress, ct);

    public void Dispose()
    {
        if (_images.IsValueCreated) _images.Value.Dispose();
        if (_sentences.IsValueCreated) _sentences.Value.Dispose();
    }
}

namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// Pretrained features computed once per product and kept on disk under <paramref name="folder"/> (e.g.
/// <c>.data/features/&lt;catalogue&gt;/</c>), one file per block and model. A row is reused while the product key,
/// the featurizer's input fingerprint (image path + size + mtime; text hash) and the model name all match;
/// anything else is recomputed. Rows are saved every <paramref name="chunkSize"/> products, so an interrupted run
/// keeps what it had done. One process at a time may write a folder.
/// </summary>
public sealed class FeatureCache(string folder, int chunkSize = 1024)
{
    public string Folder { get; } = folder;

    /// <summary>The file that holds <paramref name="featurizer"/>'s rows.</summary>
    public string PathFor(IProductFeaturizer featurizer)
    {
        var name = $"{featurizer.Block}.{featurizer.ModelName}.features";
        return Path.Combine(Folder, string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)));
    }

    /// <summary>
    /// The featurizer's rows for <paramref name="products"/>, in order: cached rows where still valid, the rest
    /// computed (and cached). Products with the same key share one row.
    /// </summary>
    public async Task<CachedFeatures> GetOrComputeAsync(
        IProductFeaturizer featurizer,
        IReadOnlyList<ProductRecord> products,
        IProgress<FeaturizeProgress>? progress,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var file = FeatureCacheFile.Open(PathFor(featurizer), featurizer.ModelName, featurizer.Dimensions);
        var fingerprints = products.Select(featurizer.Fingerprint).ToArray();
        var queued = new HashSet<string>();
        var missing = Enumerable.Range(0, products.Count)
            .Where(i => !file.TryGet(products[i].Key, fingerprints[i], out _, out _) && queued.Add(products[i].Key))
            .ToArray();

        var fromCache = products.Count - missing.Length;
        var block = featurizer.Block;
        progress?.Report(new FeaturizeProgress(block, fromCache, products.Count, fromCache));
        var done = fromCache;
        foreach (var chunk in missing.Chunk(chunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = done;
            var chunkProgress = progress is null ? null : new Relay(k => progress.Report(new FeaturizeProgress(block, before + k, products.Count, fromCache)));
            var batch = await featurizer.ComputeAsync(chunk.Select(i => products[i]).ToArray(), chunkProgress, cancellationToken);
            file.Append(chunk.Select(i => (products[i].Key, fingerprints[i])).ToArray(), batch);
            done += chunk.Length;
        }
        file.CompactIfWasteful();

        var rows = new DenseRows(featurizer.Dimensions, new float[products.Count * featurizer.Dimensions]);
        var present = new DenseRows(1, new float[products.Count]);
        for (var i = 0; i < products.Count; i++)
        {
            // Null fingerprint: a key listed twice with different inputs gets the row computed for its first listing.
            file.TryGet(products[i].Key, null, out var row, out var isPresent);
            row.CopyTo(rows.Row(i));
            present.Values[i] = isPresent ? 1 : 0;
        }
        progress?.Report(new FeaturizeProgress(block, products.Count, products.Count, fromCache));
        return new CachedFeatures(block, featurizer.PresentBlock, rows, present, missing.Length);
    }

    // Progress<T> would post to the thread pool and could reorder reports; this passes them straight on.
    private sealed class Relay(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

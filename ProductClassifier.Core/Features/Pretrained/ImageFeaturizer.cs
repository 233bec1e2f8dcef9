using System.Threading.Channels;

namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// 512-d image features from the pretrained ResNet18 that Microsoft.ML.DnnImageFeaturizer.ResNet18 ships
/// (ResNetPreprocess.onnx + ResNet18.onnx, run by ONNX Runtime; CUDA when available, see
/// <see cref="ExecutionProvider"/>). Rows are L2-normalised, so a dot product is the cosine similarity.
/// Missing, empty, corrupt or absurdly large images give a zero row and <c>present = false</c>, never an exception.
/// Thread-safe: concurrent calls share a pool of <see cref="ImageFeaturizerOptions.Sessions"/> model sessions,
/// created on first use.
/// </summary>
public sealed class ImageFeaturizer : IProductFeaturizer, IDisposable
{
    public const int Dimensions = 512;

    /// <summary>Model and preprocessing recipe; part of the cache key, so change it when either changes.</summary>
    public const string Model = "resnet18-onnx-0.23.1.pad-white-224.l2";

    private readonly Lazy<ResNetSession[]> sessions;
    private readonly Channel<ResNetSession> idle = Channel.CreateUnbounded<ResNetSession>();

    public ImageFeaturizer(ImageFeaturizerOptions? options = null)
    {
        var settings = options ?? new ImageFeaturizerOptions();
        sessions = new Lazy<ResNetSession[]>(() => CreateSessions(settings));
    }

    string IProductFeaturizer.Block => FeatureSet.Image;
    string? IProductFeaturizer.PresentBlock => FeatureSet.ImagePresent;
    string IProductFeaturizer.ModelName => Model;
    int IProductFeaturizer.Dimensions => Dimensions;

    /// <summary>"CUDA" or "CPU": the ONNX Runtime execution provider the models run on (starts the sessions).</summary>
    public string ExecutionProvider => sessions.Value[0].Provider;

    /// <summary>
    /// The image's content (size and SHA-256), not its path: a data set folder and the image store's copy of it share
    /// cached rows, and editing or replacing the file changes the fingerprint.
    /// </summary>
    public string Fingerprint(ProductRecord product)
    {
        if (product.ImagePath is null) return "none";
        try
        {
            if (!File.Exists(product.ImagePath)) return "missing";
            using var stream = File.OpenRead(product.ImagePath);
            return $"{stream.Length}|{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream))[..32]}";
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }

    public Task<FeatureBatch> ComputeAsync(
        IReadOnlyList<ProductRecord> products, IProgress<int>? progress, CancellationToken cancellationToken) =>
        FeaturizeFilesAsync(products.Select(p => p.ImagePath).ToArray(), progress, cancellationToken);

    /// <summary>One row per path (null = no image), computed by all idle sessions side by side.</summary>
    public async Task<FeatureBatch> FeaturizeFilesAsync(
        IReadOnlyList<string?> paths, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var batch = new FeatureBatch(Dimensions, new float[paths.Count * Dimensions], new bool[paths.Count]);
        if (paths.Count == 0) return batch;
        var rented = new List<ResNetSession> { await RentAsync(cancellationToken) };
        while (rented.Count < paths.Count && idle.Reader.TryRead(out var session)) rented.Add(session);
        var (next, done) = (-1, 0);
        try
        {
            // Dedicated threads: each worker runs ~40 ms of native code per image and would starve the thread pool.
            await Task.WhenAll(rented.Select(session => Task.Factory.StartNew(() =>
            {
                for (int i; (i = Interlocked.Increment(ref next)) < paths.Count;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    batch.Present[i] = Featurize(session, ReadImageFile(paths[i]), batch.Values.AsSpan(i * Dimensions, Dimensions));
                    progress?.Report(Interlocked.Increment(ref done));
                }
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        }
        finally
        {
            foreach (var session in rented) idle.Writer.TryWrite(session);
        }
        return batch;
    }

    /// <summary>Features of one encoded image (an upload), or null when it cannot be decoded.</summary>
    public async Task<float[]?> FeaturizeAsync(byte[] encoded, CancellationToken cancellationToken)
    {
        var session = await RentAsync(cancellationToken);
        try
        {
            var features = new float[Dimensions];
            return Featurize(session, encoded, features) ? features : null;
        }
        finally
        {
            idle.Writer.TryWrite(session);
        }
    }

    private static bool Featurize(ResNetSession session, byte[]? encoded, Span<float> features)
    {
        if (encoded is null || !ImageDecoder.TryDecode(encoded, session.Pixels)) return false;
        session.Run(features);
        return true;
    }

    private static byte[]? ReadImageFile(string? path)
    {
        if (path is null) return null;
        try
        {
            var file = new FileInfo(path);
            return file.Exists && file.Length is > 0 and <= ImageDecoder.MaxFileBytes ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private ValueTask<ResNetSession> RentAsync(CancellationToken cancellationToken)
    {
        _ = sessions.Value;
        return idle.Reader.ReadAsync(cancellationToken);
    }

    private ResNetSession[] CreateSessions(ImageFeaturizerOptions settings)
    {
        var (preprocess, model) = ResNetModelFiles.Locate(settings.ModelDirectory);
        var created = Enumerable.Range(0, Math.Max(1, settings.Sessions))
            .Select(_ => new ResNetSession(preprocess, model, settings.PreferCuda)).ToArray();
        foreach (var session in created) idle.Writer.TryWrite(session);
        return created;
    }

    public void Dispose()
    {
        if (!sessions.IsValueCreated) return;
        foreach (var session in sessions.Value) session.Dispose();
    }
}

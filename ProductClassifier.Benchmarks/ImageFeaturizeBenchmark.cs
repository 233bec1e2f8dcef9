using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Pretrained featurisation on a real data set folder (fashion-44k from ../shared/data by default): the full image
/// featurizer (read, decode, pad, resize, both ONNX models, N sessions) beside bare ONNX Runtime sessions on the same
/// already-preprocessed tensors; MiniLM sentences/s; and reloading a whole catalogue's cached image rows.
/// </summary>
internal static class ImageFeaturizeBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var folder = Value(args, "--dataset") ?? Path.GetFullPath(Path.Combine(ProjectRoot.Find(), "..", "shared", "data", "fashion-44k"));
        if (!File.Exists(Path.Combine(folder, "dataset.json")))
        {
            Console.Error.WriteLine($"featurize benchmark: no dataset.json in {folder} (../shared/data is absent in a fresh clone); pass --dataset FOLDER.");
            return 1;
        }
        var images = Option(args, "--images", 1000);
        var sentences = Option(args, "--sentences", 2000);
        var sessions = Option(args, "--sessions", Environment.ProcessorCount);
        var corpus = await DatasetCorpusLoader.LoadAsync(folder, ct);
        var paths = corpus.Products.Select(p => p.ImagePath).OfType<string>().Take(images).ToArray();
        Console.WriteLine($"featurize benchmark: {corpus.Name}, {paths.Length} images, {sessions} sessions; machine: " +
                          $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");

        var clock = Stopwatch.StartNew();
        var tensors = paths.Select(p => (Bytes: File.ReadAllBytes(p), Tensor: new float[ImageDecoder.TensorSize]))
            .Where(x => ImageDecoder.TryDecode(x.Bytes, x.Tensor)).Select(x => x.Tensor).ToArray();
        Console.WriteLine($"read + decode + pad + resize, 1 thread : {Rate(paths.Length, clock)}");

        var (prep, model) = ResNetModelFiles.Locate(null);
        Console.WriteLine($"bare ONNX Runtime, 1 default session   : {Bare(tensors, prep, model, 1, null)}");
        Console.WriteLine($"bare ONNX Runtime, {sessions} x 1-thread sessions: {Bare(tensors, prep, model, sessions, 1)}");
        foreach (var n in new[] { 1, sessions }.Distinct())
        {
            using var featurizer = new ImageFeaturizer(new ImageFeaturizerOptions { Sessions = n });
            await featurizer.FeaturizeFilesAsync(paths.Take(2 * n).ToArray(), null, ct);
            clock.Restart();
            await featurizer.FeaturizeFilesAsync(paths, null, ct);
            Console.WriteLine($"ImageFeaturizer, {n} session(s) [{featurizer.ExecutionProvider}]  : {Rate(paths.Length, clock)}");
        }

        using (var encoder = new SentenceFeaturizer())
        {
            var texts = corpus.Products.Take(sentences).Select(SentenceText.For).ToArray();
            await encoder.EncodeAsync(texts.Take(64).ToArray(), null, ct);
            clock.Restart();
            await encoder.EncodeAsync(texts, null, ct);
            Console.WriteLine($"SentenceFeaturizer (MiniLM), batches of 64: {texts.Length / clock.Elapsed.TotalSeconds:F1} sentences/s " +
                              $"({texts.Length} texts, mean {texts.Average(t => t.Length):F0} chars)");
        }

        await CacheReloadAsync(corpus.Products, ct);
        return 0;
    }

    private static string Bare(float[][] tensors, string prepPath, string modelPath, int sessions, int? threads)
    {
        var options = new SessionOptions();
        if (threads is { } t) (options.IntraOpNumThreads, options.InterOpNumThreads) = (t, 1);
        var pairs = Enumerable.Range(0, sessions)
            .Select(_ => (Prep: new InferenceSession(prepPath, options), Model: new InferenceSession(modelPath, options))).ToArray();
        foreach (var pair in pairs) Run(pair.Prep, pair.Model, tensors[0]);
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = pairs.Select(pair => new Thread(() =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < tensors.Length;) Run(pair.Prep, pair.Model, tensors[i]);
        })).ToArray();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
        var rate = Rate(tensors.Length, clock);
        foreach (var pair in pairs) { pair.Prep.Dispose(); pair.Model.Dispose(); }
        options.Dispose();
        return rate;
    }

    private static void Run(InferenceSession prep, InferenceSession model, float[] tensor)
    {
        using var preprocessed = prep.Run([NamedOnnxValue.CreateFromTensor("OriginalInput", new DenseTensor<float>(tensor, [1, 3, 224, 224]))]);
        using var output = model.Run([NamedOnnxValue.CreateFromTensor("Input247", (DenseTensor<float>)preprocessed[0].AsTensor<float>())]);
        _ = output[0].AsTensor<float>()[0, 0, 0, 0];
    }

    /// <summary>Cache rows for every product (random values, real image fingerprints), then a reload where all hit.</summary>
    private static async Task CacheReloadAsync(IReadOnlyList<ProductRecord> products, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("productclassifier-bench-features-");
        try
        {
            var rows = new RandomImageRows();
            var cache = new FeatureCache(folder.FullName);
            await cache.GetOrComputeAsync(rows, products, null, ct);
            var clock = Stopwatch.StartNew();
            foreach (var product in products) rows.Fingerprint(product);
            var fingerprints = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var hit = await cache.GetOrComputeAsync(rows, products, null, ct);
            Console.WriteLine($"FeatureCache reload, {hit.Rows.Count:N0} x {hit.Rows.Columns} all cached: {clock.Elapsed.TotalSeconds:F2} s " +
                              $"(of which about {fingerprints:F2} s stat-ing image files; {new FileInfo(cache.PathFor(rows)).Length / 1e6:F0} MB file)");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class RandomImageRows : IProductFeaturizer
    {
        private readonly ImageFeaturizer images = new();
        public string Block => FeatureSet.Image;
        public string? PresentBlock => FeatureSet.ImagePresent;
        public string ModelName => "benchmark-random";
        public int Dimensions => ImageFeaturizer.Dimensions;
        public string Fingerprint(ProductRecord product) => images.Fingerprint(product);

        public Task<FeatureBatch> ComputeAsync(IReadOnlyList<ProductRecord> products, IProgress<int>? progress, CancellationToken ct)
        {
            var values = new float[products.Count * Dimensions];
            Random.Shared.NextBytes(MemoryMarshal.AsBytes(values.AsSpan()));
            return Task.FromResult(new FeatureBatch(Dimensions, values, products.Select(_ => true).ToArray()));
        }
    }

    private static string Rate(int count, Stopwatch clock) => $"{count / clock.Elapsed.TotalSeconds,7:F1} images/s";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback) =>
        int.TryParse(Value(args, name), out var value) && value > 0 ? value : fallback;
}

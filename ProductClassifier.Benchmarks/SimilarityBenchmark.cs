using System.Diagnostics;
using System.Globalization;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Core.Similarity.Embedded;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// The embedded HNSW index (USearch, cosine, 512-d) at each size: build time (all cores), memory, then on one
/// thread, for a range of search expansions, recall@10 against exact brute force on the same held-out queries (real
/// features of products left out of the index),
/// queries/s and p50/p99 latency; and brute force's own queries/s on one thread.
/// </summary>
internal static class SimilarityBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var sizes = (Value(args, "--sizes") ?? "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var queryCount = Option(args, "--queries", 1000);
        var bruteQueries = Option(args, "--brute-queries", 200);
        var jitter = float.Parse(Value(args, "--jitter") ?? "0.5", CultureInfo.InvariantCulture);
        var threads = Option(args, "--threads", Environment.ProcessorCount);
        var dataset = Value(args, "--dataset") ?? Path.GetFullPath(Path.Combine(ProjectRoot.Find(), "..", "shared", "data", "fashion-44k"));
        var cache = Value(args, "--features") ?? ProjectRoot.DataFolder("features", Path.GetFileName(dataset));
        var options = new SimilarityOptions
        {
            Quantization = Enum.Parse<VectorQuantization>(Value(args, "--quantization") ?? nameof(VectorQuantization.Float32), ignoreCase: true),
            Connectivity = Option(args, "--connectivity", new SimilarityOptions().Connectivity),
        };
        // --rescore N: take N candidates from the graph and re-rank them by exact cosine against the float32 vectors
        // (what a full-precision side store would do for a quantised graph); 0: the graph's own top 10.
        var rescore = Option(args, "--rescore", 0);
        // --index PATH: keep the built graph there and, when a later run finds it, load it instead of building again
        // (the vectors are the same for the same features, size and jitter), so search settings can be compared
        // without a 40-minute build each.
        var keep = Value(args, "--index");
        // --bases N: only N real vectors, the rest jittered copies: 1M's many copies per product at a size that builds in a minute.
        var baseLimit = Option(args, "--bases", int.MaxValue);

        var bases = await BenchmarkVectors.CachedFeaturesAsync(dataset, cache, ct);
        var source = bases is null
            ? "synthetic clustered unit vectors (no cached features found)"
            : $"{bases.Length:N0} ResNet18 features of {Path.GetFileName(dataset)} plus jittered copies (noise norm {jitter})";
        bases ??= BenchmarkVectors.Synthetic(50_000, options.Dimensions, clusters: 200, seed: 1);
        // Held-out queries: real products (or synthetic points) that are in no index, nor are copies of them, like a
        // shopper's upload; the index holds the other bases and jittered copies of those.
        new Random(5).Shuffle(bases);
        var queries = bases[..queryCount];
        bases = bases[queryCount..];
        if (bases.Length > baseLimit) bases = bases[..baseLimit];
        Console.WriteLine($"similarity benchmark: {source}; {queryCount} held-out queries, k = 10; build on {threads} threads; " +
                          $"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}" +
                          (rescore > 10 ? $"; {rescore} candidates re-scored exactly" : ""));

        foreach (var size in sizes)
        {
            ct.ThrowIfCancellationRequested();
            var vectors = BenchmarkVectors.Expand(bases, size, jitter, seed: size, source);
            Console.WriteLine($"\n## {size:N0} x {vectors.Dimensions}");
            var truth = GroundTruth(vectors, queries, threads, ct);
            var brute = BruteForceRate(vectors, queries.Take(bruteQueries).ToArray());
            Console.WriteLine($"brute force, 1 thread: {brute.Wall:F1} queries/s ({brute.Cpu:F1} per CPU-second)");

            var path = keep is null ? null : sizes.Length == 1 ? keep : $"{keep}.{size}";
            using var graph = path is not null && File.Exists(path) ? Load(path, options) : Build(vectors, options, threads, path, ct);
            // A kept graph from a run with other --queries, --bases or --jitter holds other vectors under the same keys.
            if (!Holds(graph, vectors))
                throw new InvalidOperationException($"{path} was built from other vectors (other --queries, --bases or --jitter): delete it.");
            Table(graph, queries, truth, rescore > 10 ? vectors : null, rescore, brute);
        }
        return 0;
    }

    private static void Table(HnswGraph graph, float[][] queries, long[][] truth, BenchmarkVectors? exact, int rescore, (double Wall, double Cpu) brute)
    {
        Console.WriteLine("expansion | recall@10 | queries/s, 1 thread (per CPU-second) | p50 ms | p99 ms | x brute force (per CPU-second)");
        var chosen = false;
        foreach (var expansion in new[] { 16, 24, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512 })
        {
            graph.SetExpansionSearch(expansion);
            var (recall, rate, cpuRate, p50, p99) = Search(graph, queries, truth, exact, rescore);
            var mark = !chosen && recall >= 0.95 ? "  <- smallest with recall >= 0.95" : "";
            chosen |= recall >= 0.95;
            Console.WriteLine(Invariant($"{expansion,9} | {recall,9:F4} | {rate,8:F0} ({cpuRate:F0}) | {p50,6:F3} | {p99,6:F3} | {rate / brute.Wall,6:F0}x ({cpuRate / brute.Cpu:F0}x){mark}"));
            if (recall >= 0.995) break;
        }
    }

    private static bool Holds(HnswGraph graph, BenchmarkVectors vectors)
    {
        var stored = new float[vectors.Dimensions];
        return graph.Count == vectors.Count && new[] { 0, vectors.Count - 1 }.All(key =>
            graph.TryGet(key, stored) && ExactSearch.CosineDistance(stored, vectors.Row(key)) < 1e-3);
    }

    private static HnswGraph Load(string path, SimilarityOptions options)
    {
        var clock = Stopwatch.StartNew();
        var graph = HnswGraph.Open(path, options.Dimensions, options.ExpansionSearch, view: false);
        Console.WriteLine(Invariant($"loaded {path} in {clock.Elapsed.TotalSeconds:F1} s ({graph.Quantization}); index memory {graph.MemoryBytes / 1e6:F0} MB"));
        return graph;
    }

    private static HnswGraph Build(BenchmarkVectors vectors, SimilarityOptions options, int threads, string? keep, CancellationToken ct)
    {
        var before = Process.GetCurrentProcess();
        var (rss, cpu) = (before.WorkingSet64, before.TotalProcessorTime);
        var clock = Stopwatch.StartNew();
        var graph = HnswGraph.Create(vectors.Dimensions, options.Connectivity, options.ExpansionAdd, options.ExpansionSearch, options.Quantization);
        graph.Reserve(vectors.Count, threads);
        var done = 0;
        Parallel.For(0, vectors.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, i =>
        {
            graph.Add(i, vectors.Row(i));
            if (Interlocked.Increment(ref done) % 100_000 == 0) Console.Error.WriteLine($"  built {done:N0} in {clock.Elapsed.TotalSeconds:F0}s");
        });
        var after = Process.GetCurrentProcess();
        var file = keep ?? Path.Combine(Path.GetTempPath(), $"pc-bench-{Environment.ProcessId}.usearch");
        graph.Save(file);
        var fileBytes = new FileInfo(file).Length;
        if (keep is null) File.Delete(file);
        Console.WriteLine(Invariant($"build: {clock.Elapsed.TotalSeconds:F1} s wall, {(after.TotalProcessorTime - cpu).TotalSeconds:F0} s CPU ") +
            Invariant($"(connectivity {options.Connectivity}, expansion_add {options.ExpansionAdd}, {options.Quantization}); index memory {graph.MemoryBytes / 1e6:F0} MB ") +
            Invariant($"(process grew {(after.WorkingSet64 - rss) / 1e6:F0} MB), file {fileBytes / 1e6:F0} MB"));
        return graph;
    }

    // Queries per CPU-second: what one dedicated core would do, on a machine shared with other work.
    private static (double Recall, double Rate, double CpuRate, double P50, double P99) Search(HnswGraph graph, float[][] queries,
        long[][] truth, BenchmarkVectors? exact, int candidates)
    {
        var (keys, distances) = exact is null ? (new long[10], new float[10]) : (new long[candidates], new float[candidates]);
        var (topKeys, topDistances) = (new long[10], new float[10]);
        var latencies = new double[queries.Length];
        var hits = 0;
        for (var i = 0; i < 20; i++) graph.Search(queries[i], keys, distances); // warm-up
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < queries.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var found = graph.Search(queries[i], keys, distances);
            var top = keys;
            if (exact is not null)
            {
                var kept = 0;
                for (var j = 0; j < found; j++)
                    ExactSearch.Insert(topKeys.AsSpan(), topDistances, ref kept, 10, keys[j],
                        ExactSearch.CosineDistance(queries[i], exact.Row((int)keys[j])));
                (top, found) = (topKeys, kept);
            }
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            for (var j = 0; j < Math.Min(found, 10); j++) if (Array.IndexOf(truth[i], top[j]) >= 0) hits++;
        }
        var rate = queries.Length / total.Elapsed.TotalSeconds;
        var cpuRate = queries.Length / Math.Max(1e-6, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        Array.Sort(latencies);
        return ((double)hits / (10 * queries.Length), rate, cpuRate, latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)]);
    }

    private static long[][] GroundTruth(BenchmarkVectors vectors, float[][] queries, int threads, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var truth = new long[queries.Length][];
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct }, i =>
        {
            var (indices, distances) = (new int[10], new float[10]);
            var found = ExactSearch.Nearest(queries[i], vectors.Values, vectors.Dimensions, indices, distances);
            truth[i] = indices.Take(found).Select(r => (long)r).ToArray();
        });
        Console.Error.WriteLine($"  exact neighbours of {queries.Length} queries in {clock.Elapsed.TotalSeconds:F0}s");
        return truth;
    }

    private static (double Wall, double Cpu) BruteForceRate(BenchmarkVectors vectors, float[][] queries)
    {
        var (indices, distances) = (new int[10], new float[10]);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var query in queries) ExactSearch.Nearest(query, vectors.Values, vectors.Dimensions, indices, distances);
        return (queries.Length / clock.Elapsed.TotalSeconds,
            queries.Length / Math.Max(1e-6, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

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

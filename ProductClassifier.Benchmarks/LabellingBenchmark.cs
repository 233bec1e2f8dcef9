using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Simulated labellers working one batch at once through the labelling services the page uses (registered the way
/// the web app registers them): each asks for its next item, prefetches the one after, thinks, decides, until the
/// batch is done. Reports the time each call takes in-process (the server's time to serve it, without the browser's
/// round trip) and counts duplicate assignments: an item held by more labellers than it has slots.
/// </summary>
internal static class LabellingBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        int labellers = Option(args, "--labellers", 20), items = Option(args, "--items", 2000), think = Option(args, "--think-ms", 1000, zero: true);
        var overlap = Option(args, "--overlap-percent", 10, zero: true) / 100.0;
        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        await using var services = Services(database.ConnectionString, overlap);
        Console.WriteLine($"labelling benchmark: {labellers} labellers, {items:N0} items, {overlap:P0} overlap, think time " +
            $"{think} ms (uniform 0–{2 * think}), database: {database.Description}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Load()}");

        var warmUp = await LabellingBenchmarkRound.CreateAsync(database.ConnectionString, 100, ct);
        await SimulateAsync(services, warmUp, 4, 0, ct);
        await warmUp.DeleteAsync(database.ConnectionString);

        var round = await LabellingBenchmarkRound.CreateAsync(database.ConnectionString, items, ct);
        try
        {
            var clock = Stopwatch.StartNew();
            var run = await SimulateAsync(services, round, labellers, think, ct);
            var elapsed = clock.Elapsed.TotalSeconds;
            var (overlapItems, overfilled) = await CheckAsync(database, round, overlap, ct);
            Console.WriteLine($"decisions: {run.Decisions:N0} in {elapsed:F1} s ({run.Decisions / elapsed:F1}/s) — expected " +
                $"{items + overlapItems:N0} ({items:N0} items + {overlapItems} overlap items twice)");
            Console.WriteLine($"duplicate assignments: {run.Duplicates} seen by the labellers, {overfilled} in label_decisions");
            Console.WriteLine($"{"call",-16}{"calls",8}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}");
            foreach (var (name, times) in run.Times) Print(name, times);
            Console.WriteLine($"load average after: {Load()}");
            return run.Duplicates == 0 && overfilled == 0 && run.Decisions == items + overlapItems ? 0 : 1;
        }
        finally { await round.DeleteAsync(database.ConnectionString); }
    }

    /// <summary>The round's overlap items, and its items decided by more labellers than they have slots (duplicate assignments).</summary>
    internal static async Task<(long OverlapItems, long Overfilled)> CheckAsync(BenchmarkDatabase database, LabellingBenchmarkRound round,
        double overlap, CancellationToken ct)
    {
        var overlapItems = await database.ScalarAsync($"SELECT count(*) FROM batch_items WHERE batch_id = {round.BatchId} AND " +
            $"{OverlapSample.HashSql} < {OverlapSample.Threshold(overlap)}", ct);
        var overfilled = await database.ScalarAsync($"""
            SELECT count(*) FROM (SELECT product_id, count(DISTINCT labeller) AS n,
                CASE WHEN {OverlapSample.HashSql} < {OverlapSample.Threshold(overlap)} THEN 2 ELSE 1 END AS slots
              FROM label_decisions WHERE batch_id = {round.BatchId} GROUP BY product_id) d WHERE n > slots
            """, ct);
        return (overlapItems, overfilled);
    }

    private const string FirstNext = "NextAsync first";

    private sealed record Run(long Decisions, int Duplicates, Dictionary<string, ConcurrentBag<double>> Times);

    private static async Task<Run> SimulateAsync(ServiceProvider services, LabellingBenchmarkRound round, int labellers, int think,
        CancellationToken ct)
    {
        var (queue, history) = (services.GetRequiredService<LabellingQueue>(), services.GetRequiredService<LabellingHistory>());
        // Each labeller's first NextAsync apart: the round's first claims create its slots, and the others wait for them.
        var times = new[] { FirstNext, "NextAsync", "PeekNextAsync", "DecideAsync", "ProgressAsync" }
            .ToDictionary(n => n, _ => new ConcurrentBag<double>());
        var holders = new ConcurrentDictionary<long, ConcurrentDictionary<string, byte>>();
        long decisions = 0;
        async Task<T> Timed<T>(string call, Func<Task<T>> work)
        {
            var clock = Stopwatch.StartNew();
            var result = await work();
            times[call].Add(clock.Elapsed.TotalMilliseconds);
            return result;
        }
        await Task.WhenAll(Enumerable.Range(0, labellers).Select(l => Task.Run(async () =>
        {
            var (name, random, call) = ($"labeller-{l}", new Random(l), FirstNext);
            while (await Timed(call, () => queue.NextAsync(round.CatalogueId, name, ct)) is { } item)
            {
                call = "NextAsync";
                holders.GetOrAdd(item.Product.Id, _ => new()).TryAdd(name, 0);
                await Timed("PeekNextAsync", () => queue.PeekNextAsync(round.CatalogueId, name, ct));
                if (think > 0) await Task.Delay(random.Next(2 * think + 1), ct);
                await Timed("DecideAsync", () => queue.DecideAsync(name, item.Product.Id, [.. item.Predictions.Take(1 + random.Next(2)).Select(p => p.CategoryId)], ct));
                Interlocked.Increment(ref decisions);
                if (random.Next(10) == 0) await Timed("ProgressAsync", () => history.ProgressAsync(round.CatalogueId, name, ct: ct));
            }
        }, ct)));
        var overlap = services.GetRequiredService<LabellingQueueOptions>().OverlapFraction;
        var duplicates = holders.Sum(h => Math.Max(0, h.Value.Count - OverlapSample.Slots(h.Key, overlap)));
        return new Run(decisions, duplicates, times);
    }

    /// <summary>The services as a web host registers them: a context factory and <see cref="LabellingServices.AddLabelling"/>.</summary>
    private static ServiceProvider Services(string connectionString, double overlap)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        { [$"{LabellingQueueOptions.Section}:{nameof(LabellingQueueOptions.OverlapFraction)}"] = overlap.ToString(System.Globalization.CultureInfo.InvariantCulture) }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddDbContextFactory<ClassifierDb>(o => ClassifierDbOptions.Configure(o, connectionString));
        return services.AddLabelling().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    internal static void Print(string call, IReadOnlyCollection<double> times, int width = 16)
    {
        if (times.Count == 0) return;
        var sorted = times.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine($"{call.PadRight(width)}{sorted.Length,8}{At(0.5),9:F1}{At(0.95),9:F1}{At(0.99),9:F1}{sorted[^1],9:F1}");
    }

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    internal static int Option(string[] args, string name, int fallback, bool zero = false)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && (value > 0 || zero && value == 0) ? value : fallback;
    }
}

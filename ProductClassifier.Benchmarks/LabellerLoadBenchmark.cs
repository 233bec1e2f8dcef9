using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Many labellers on one instance of the web app for minutes (issue 17): the app built by its own Program and served
/// by Kestrel on a free port, each labeller signed in with a cookie of its own and working one open round as the
/// labelling page does (<see cref="LoadLabeller"/>). Reports the server's time per labelling call (the
/// <see cref="LabellingMetrics"/> histogram), the page's actions as the circuit waits for them, and the HTTP requests;
/// counts errors and duplicate assignments. Exits non-zero unless both are 0.
/// </summary>
internal static class LabellerLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        int labellers = LabellingBenchmark.Option(args, "--labellers", 50), seconds = LabellingBenchmark.Option(args, "--seconds", 180);
        int items = LabellingBenchmark.Option(args, "--items", 6000), think = LabellingBenchmark.Option(args, "--think-ms", 2000, zero: true);
        var overlap = LabellingBenchmark.Option(args, "--overlap-percent", 10, zero: true) / 100.0;
        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        var images = Directory.CreateTempSubdirectory("productclassifier-bench-images-");
        try
        {
            Console.WriteLine($"labellers under load: {labellers} labellers for {seconds} s on one web app, a round of {items:N0} items, " +
                $"{overlap:P0} overlap, think time {think} ms (uniform 0–{2 * think}), database: {database.Description}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LabellingBenchmark.Load()}");
            var settings = new Dictionary<string, string>
            { [$"{LabellingQueueOptions.Section}:{nameof(LabellingQueueOptions.OverlapFraction)}"] = $"{overlap:R}" };
            await using var app = new BenchmarkWebApp(database.ConnectionString, images.FullName, settings).Start();
            var queue = app.Services.GetRequiredService<LabellingQueue>();
            var history = app.Services.GetRequiredService<LabellingHistory>();
            var record = new LoadRecord();
            var team = new List<(LoadLabeller Labeller, HttpClient Http)>();
            for (var l = 0; l < labellers; l++)
            {
                var name = $"load-labeller-{l}";
                var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
                { BaseAddress = app.Address };
                var labeller = new LoadLabeller(name, http, queue, history, record);
                await labeller.SignInAsync(await app.CreateUserAsync(name, Roles.Labeller), ct);
                team.Add((labeller, http));
            }

            // Warm-up: the first pages, statements and plans of a round of its own, not measured.
            var warmUp = await LabellingBenchmarkRound.CreateAsync(database.ConnectionString, 4 * labellers, ct);
            BrowserLabellingBenchmark.WriteImages(images.FullName, warmUp, 4 * labellers);
            await Task.WhenAll(team.Select((t, l) => t.Labeller.LabelAsync(warmUp, DateTime.UtcNow.AddSeconds(5), 200, new Random(-1 - l), ct)));
            await warmUp.DeleteAsync(database.ConnectionString);
            var warmUpErrors = record.Errors.Count;
            record = new LoadRecord();
            team = [.. team.Select(t => (new LoadLabeller(t.Labeller.Name, t.Http, queue, history, record), t.Http))];

            var round = await LabellingBenchmarkRound.CreateAsync(database.ConnectionString, items, ct);
            BrowserLabellingBenchmark.WriteImages(images.FullName, round, items);
            try
            {
                var server = new ConcurrentDictionary<string, ConcurrentBag<double>>();
                using var listener = BrowserLabellingBenchmark.Listen(server);
                var until = DateTime.UtcNow.AddSeconds(seconds);
                await Task.WhenAll(team.Select((t, l) => t.Labeller.LabelAsync(round, until, think, new Random(l), ct)));
                listener.Dispose();
                return await ReportAsync(database, round, overlap, team.Select(t => t.Labeller).ToList(), record, server, seconds, warmUpErrors, ct);
            }
            finally { await round.DeleteAsync(database.ConnectionString); }
        }
        finally
        {
            images.Delete(recursive: true);
        }
    }

    private static async Task<int> ReportAsync(BenchmarkDatabase database, LabellingBenchmarkRound round, double overlap,
        IReadOnlyList<LoadLabeller> team, LoadRecord record, ConcurrentDictionary<string, ConcurrentBag<double>> server, int seconds,
        int warmUpErrors, CancellationToken ct)
    {
        var (_, overfilled) = await LabellingBenchmark.CheckAsync(database, round, overlap, ct);
        var decidedBy = team.SelectMany(l => l.Decided.Select(p => (Product: p, l.Name))).GroupBy(d => d.Product);
        var duplicates = decidedBy.Sum(g => Math.Max(0, g.Select(d => d.Name).Distinct().Count() - OverlapSample.Slots(g.Key, overlap)));
        var decisions = await database.ScalarAsync($"SELECT count(*) FROM label_decisions WHERE batch_id = {round.BatchId}", ct);
        Console.WriteLine($"decisions stored: {decisions:N0} in {seconds} s ({decisions / (double)seconds:F1}/s); labellers' own count " +
            $"{team.Sum(l => l.Decided.Count):N0}");
        Console.WriteLine($"errors: {record.Errors.Count} (warm-up: {warmUpErrors})");
        foreach (var error in record.Errors.Take(10)) Console.WriteLine($"  {error}");
        Console.WriteLine($"duplicate assignments: {duplicates} among the labellers' decisions, {overfilled} in label_decisions");
        Console.WriteLine($"{"server time per call",-28}{"calls",8}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}");
        foreach (var operation in (string[])[LabellingMetrics.Next, LabellingMetrics.Decide, LabellingMetrics.Skip, LabellingMetrics.Undo,
                     LabellingMetrics.Peek, LabellingMetrics.Progress, LabellingMetrics.History])
            if (server.TryGetValue(operation, out var times)) LabellingBenchmark.Print(operation, times, width: 28);
        Console.WriteLine("as the page waits for it (in-process)");
        foreach (var action in (string[])["Enter → next card", "S → next card", "U → undone card", "circuit start: next"])
            if (record.Times.TryGetValue(action, out var times)) LabellingBenchmark.Print(action, times, width: 28);
        Console.WriteLine("over HTTP (Kestrel, cookie)");
        foreach (var (request, times) in record.Times.Where(t => t.Key.StartsWith("GET", StringComparison.Ordinal) || t.Key.StartsWith("POST", StringComparison.Ordinal)))
            LabellingBenchmark.Print(request, times, width: 28);
        Console.WriteLine($"load average after: {LabellingBenchmark.Load()}");
        return record.Errors.IsEmpty && duplicates == 0 && overfilled == 0 && decisions == team.Sum(l => l.Decided.Count) ? 0 : 1;
    }
}

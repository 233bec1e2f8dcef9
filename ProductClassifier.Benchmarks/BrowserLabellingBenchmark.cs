using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Labelling;
using SkiaSharp;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Real labellers' browsers on the labelling page: the web app on Kestrel in this process, headless Chromium pages
/// signed in as labellers, each pressing keys through one batch (sometimes a number to toggle a suggestion, then
/// Enter) until nothing is left. Reports the server's time per labelling service call, read from the
/// <see cref="LabellingMetrics"/> histogram (the same calls the service benchmark times), and the time from the Enter
/// key to the next product's card in the page's DOM, measured in the page; counts duplicate assignments.
/// </summary>
internal static class BrowserLabellingBenchmark
{
    // Installed in each page before its scripts: the time of each Enter, and when the card shows another product
    // (or the queue's closing message) after it.
    private const string TimingScript = """
        window.__labelling = { pressed: 0, last: null, shown: [] };
        document.addEventListener('keydown', e => { if (e.key === 'Enter') window.__labelling.pressed = performance.now(); }, true);
        new MutationObserver(() => {
          const card = document.querySelector('.product-card');
          const now = card ? card.dataset.product : (document.querySelector('[data-testid=queue-message]') ? 'done' : null);
          const t = window.__labelling;
          if (now === null || now === t.last) return;
          t.last = now;
          if (t.pressed) t.shown.push(performance.now() - t.pressed);
          t.pressed = 0;
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-product'] });
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var labellers = LabellingBenchmark.Option(args, "--labellers", 3);
        var items = LabellingBenchmark.Option(args, "--items", 150);
        var think = LabellingBenchmark.Option(args, "--think-ms", 500, zero: true);
        var overlap = LabellingBenchmark.Option(args, "--overlap-percent", 10, zero: true) / 100.0;
        if (!File.Exists(HeadlessChromium.ExecutablePath))
        {
            Console.Error.WriteLine($"Chromium is not installed at {HeadlessChromium.ExecutablePath}: sudo apt-get install chromium");
            return 2;
        }

        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        var images = Directory.CreateTempSubdirectory("productclassifier-bench-images-");
        try
        {
            Console.WriteLine($"labelling in the browser: {labellers} headless Chromium labellers, {items:N0} items, {overlap:P0} overlap, " +
                $"think time {think} ms (uniform 0–{2 * think}), database: {database.Description}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LabellingBenchmark.Load()}");
            var settings = new Dictionary<string, string>
            { [$"{LabellingQueueOptions.Section}:{nameof(LabellingQueueOptions.OverlapFraction)}"] = $"{overlap:R}" };
            await using var app = new BenchmarkWebApp(database.ConnectionString, images.FullName, settings).Start();
            await using var chromium = await HeadlessChromium.LaunchAsync();
            var pages = new List<(string Name, IPage Page)>();
            for (var l = 0; l < labellers; l++)
            {
                var name = $"browser-labeller-{l}";
                var page = await chromium.SignedInPageAsync(app.Address, name, await app.CreateUserAsync(name, Roles.Labeller));
                await page.AddInitScriptAsync(TimingScript);
                pages.Add((name, page));
            }

            // Warm-up: the first pages, statements and renders of a round of its own, not measured.
            var warmUp = await LabellingBenchmarkRound.CreateAsync(database.ConnectionString, 10 * labellers, ct);
            WriteImages(images.FullName, warmUp, 10 * labellers);
            await Task.WhenAll(pages.Select((p, l) => LabelUntilDoneAsync(p.Page, warmUp, new Random(-1 - l), 0, new(), p.Name, ct)));
            await warmUp.DeleteAsync(database.ConnectionString);

            var round = await LabellingBenchmarkRound.CreateAsync(database.ConnectionString, items, ct);
            WriteImages(images.FullName, round, items);
            try
            {
                var server = new ConcurrentDictionary<string, ConcurrentBag<double>>();
                using var listener = Listen(server);
                var seen = new ConcurrentDictionary<long, ConcurrentDictionary<string, byte>>();
                var clock = Stopwatch.StartNew();
                var decisions = await Task.WhenAll(pages.Select((p, l) => LabelUntilDoneAsync(p.Page, round, new Random(l), think, seen, p.Name, ct)));
                var elapsed = clock.Elapsed.TotalSeconds;
                listener.Dispose();
                var shown = new List<double>();
                foreach (var (_, page) in pages) shown.AddRange(await page.EvaluateAsync<double[]>("() => window.__labelling.shown"));

                var (overlapItems, overfilled) = await LabellingBenchmark.CheckAsync(database, round, overlap, ct);
                var duplicates = seen.Sum(s => Math.Max(0, s.Value.Count - OverlapSample.Slots(s.Key, overlap)));
                Console.WriteLine($"decisions: {decisions.Sum():N0} in {elapsed:F1} s ({decisions.Sum() / elapsed:F1}/s; per labeller " +
                    $"{string.Join(", ", decisions)}) — expected {items + overlapItems:N0} ({items:N0} items + {overlapItems} overlap items twice)");
                Console.WriteLine($"duplicate assignments: {duplicates} seen in the browsers, {overfilled} in label_decisions");
                Console.WriteLine($"{"server time per call",-24}{"calls",8}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}");
                foreach (var operation in (string[])[LabellingMetrics.Next, LabellingMetrics.Decide, LabellingMetrics.Skip, LabellingMetrics.Undo,
                             LabellingMetrics.Peek, LabellingMetrics.Progress, LabellingMetrics.History])
                    if (server.TryGetValue(operation, out var times)) LabellingBenchmark.Print(operation, times, width: 24);
                Console.WriteLine("in the browser");
                LabellingBenchmark.Print("Enter → next card", shown, width: 24);
                Console.WriteLine($"load average after: {LabellingBenchmark.Load()}");
                return duplicates == 0 && overfilled == 0 && decisions.Sum() == items + overlapItems ? 0 : 1;
            }
            finally { await round.DeleteAsync(database.ConnectionString); }
        }
        finally { images.Delete(recursive: true); }
    }

    /// <summary>Labels the round in the page until the queue says nothing is left; returns the number of decisions.</summary>
    private static async Task<int> LabelUntilDoneAsync(IPage page, LabellingBenchmarkRound round, Random random, int think,
        ConcurrentDictionary<long, ConcurrentDictionary<string, byte>> seen, string labeller, CancellationToken ct)
    {
        await page.GotoAsync($"/label?catalogue={Uri.EscapeDataString(round.Name)}");
        await HeadlessChromium.LabellingKeysActAsync(page);
        var decisions = 0;
        while (!ct.IsCancellationRequested)
        {
            await page.Locator(".product-card, [data-testid=queue-message]").First.WaitForAsync();
            var card = page.Locator(".product-card");
            if (await card.CountAsync() == 0) return decisions;
            var product = long.Parse((await card.GetAttributeAsync("data-product"))!);
            seen.GetOrAdd(product, _ => new()).TryAdd(labeller, 0);
            if (think > 0) await Task.Delay(random.Next(2 * think + 1), ct);
            // Half the time the labeller corrects the model first: a number key toggles one of its top suggestions.
            if (random.Next(2) == 0) await page.Keyboard.PressAsync($"{1 + random.Next(3)}");
            await page.Keyboard.PressAsync("Enter");
            decisions++;
            await page.Locator($".product-card:not([data-product='{product}']), [data-testid=queue-message]").First.WaitForAsync();
        }
        return decisions;
    }

    /// <summary>Collects the labelling services' server times by operation until disposed.</summary>
    internal static MeterListener Listen(ConcurrentDictionary<string, ConcurrentBag<double>> times)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: LabellingMetrics.MeterName, Name: LabellingMetrics.DurationName }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, ms, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: LabellingMetrics.OperationTag, Value: string operation }) times.GetOrAdd(operation, _ => []).Add(ms);
        });
        listener.Start();
        return listener;
    }

    /// <summary>A small JPEG for every product of the round where its image reference points, so each card loads an image.</summary>
    internal static void WriteImages(string root, LabellingBenchmarkRound round, int items)
    {
        for (var i = 0; i < items; i++)
        {
            using var surface = SKSurface.Create(new SKImageInfo(96, 96));
            surface.Canvas.Clear(SKColor.FromHsv(i * 37 % 360, 50, 85));
            using var jpeg = surface.Snapshot().Encode(SKEncodedImageFormat.Jpeg, 85);
            var path = Path.Combine(root, round.Name, LabellingBenchmarkRound.ImageRef(i));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, jpeg.ToArray());
        }
    }
}

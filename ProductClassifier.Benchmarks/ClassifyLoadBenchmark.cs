using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Load on a running classify API (<c>./pc serve</c>): concurrent clients post batches of the catalogue's own products
/// (optionally with their images as base64) for a while; prints products/s and request latency.
/// </summary>
internal static class ClassifyLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var url = Arg("--url", "http://127.0.0.1:5001");
        var catalogueName = Arg("--catalogue", "");
        var (batch, concurrency, seconds) = (int.Parse(Arg("--batch", "32")), int.Parse(Arg("--concurrency", "4")), int.Parse(Arg("--seconds", "30")));
        var withImages = args.Contains("--images");

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var db = ClassifierDbOptions.Create(await DatabaseLocator.ResolveAsync(configuration, Console.Error.WriteLine, ct));
        var catalogue = await CatalogueStore.ResolveAsync(db, catalogueName.Length > 0 ? catalogueName : null, ct);
        var key = args.Contains("--key") ? Arg("--key", "") : (await new ApiKeys(db).IssueAsync("classify-benchmark", Roles.Classifier, ct: ct)).Secret;
        var images = ImageStore.FromConfiguration(configuration);
        var products = await db.Products.AsNoTracking().Where(p => p.CatalogueId == catalogue.Id).OrderBy(p => p.Id).Take(2000).ToListAsync(ct);
        var bodies = products.Chunk(batch).Select(chunk => chunk.Select(p => new
        {
            id = p.Id.ToString(),
            p.Title,
            p.Description,
            p.Brand,
            price = (double?)p.Price,
            attributes = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(p.Attributes),
            image = withImages && p.ImageRef is { } r && images.PathOf(catalogue.Name, r) is { } path && File.Exists(path)
                ? Convert.ToBase64String(File.ReadAllBytes(path)) : null,
        }).ToArray()).ToArray();

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add(ApiKeys.Header, key);
        var target = $"/api/classify?catalogue={Uri.EscapeDataString(catalogue.Name)}";
        (await http.PostAsJsonAsync(target, bodies[0], ct)).EnsureSuccessStatusCode(); // warm-up: loads the model

        var latencies = new List<double>();
        var classified = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async client =>
        {
            for (var i = client; clock.Elapsed.TotalSeconds < seconds; i += concurrency)
            {
                var body = bodies[i % bodies.Length];
                var started = Stopwatch.GetTimestamp();
                (await http.PostAsJsonAsync(target, body, ct)).EnsureSuccessStatusCode();
                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    classified += body.Length;
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        latencies.Sort();
        Console.WriteLine($"classify API {url}, catalogue {catalogue.Name}: {concurrency} clients × batches of {batch}" +
            $"{(withImages ? " with images" : " without images")}, {elapsed:F0} s: {classified / elapsed:F0} products/s; " +
            $"request p50 {latencies[latencies.Count / 2]:F0} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F0} ms ({latencies.Count} requests)");
        return 0;
    }
}

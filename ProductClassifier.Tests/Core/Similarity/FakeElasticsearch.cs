using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>
/// Enough of Elasticsearch's HTTP API, on Kestrel on a free port (https when given a certificate), to see what the
/// client sends and to refuse what a real server would refuse: indices with strict mappings and aliases
/// (<see cref="FakeCluster"/>), bulk documents checked against the mapping and exact kNN searches with the request body
/// checked as Elasticsearch checks it (<see cref="FakeDocuments"/>), credentials, and failures on demand (a whole
/// request answered 429 or 5xx, items rejected with 429, a bulk request too large). Not a substitute for the
/// real server's tests (ElasticsearchSimilarityIndexTests); it pins down request shapes, retries and the alias switch.
/// </summary>
internal sealed class FakeElasticsearch : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _failures = new();
    private readonly FakeCluster _cluster = new();
    private readonly FakeDocuments _documents;
    private int _bulkRequests;

    private FakeElasticsearch(X509Certificate2? certificate)
    {
        _documents = new FakeDocuments(_cluster);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Starts the fake; with <paramref name="certificate"/> (and its private key) it speaks https.</summary>
    public static async Task<FakeElasticsearch> StartAsync(X509Certificate2? certificate = null)
    {
        var fake = new FakeElasticsearch(certificate);
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.Url = new Uri(address.Replace("127.0.0.1", certificate is null ? "127.0.0.1" : "localhost") + "/");
        return fake;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>When set, a request without exactly this Authorization header is answered 401.</summary>
    public string? RequiredAuthorization { get; set; }

    /// <summary>The first bulk request's second half is rejected item by item with 429.</summary>
    public bool RejectFirstBulkHalf { get; set; }

    /// <summary>A bulk request with more documents than this is answered 413, as one over http.max_content_length is.</summary>
    public int MaxBulkDocuments { get; set; } = int.MaxValue;

    /// <summary>The mapping body of the last index created.</summary>
    public string? Mapping => _cluster.LastMapping;

    /// <summary>Document ids per bulk request that reached the documents, in order.</summary>
    public ConcurrentQueue<string[]> BulkIds => _documents.BulkIds;

    /// <summary>The body of the last search.</summary>
    public string? LastSearchBody { get; private set; }

    /// <summary>Requests as "METHOD path", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public IReadOnlyCollection<string> Indices => _cluster.IndexNames;

    public IReadOnlyList<string> IndicesBehind(string alias) => _cluster.Resolve(alias);

    /// <summary>The next <paramref name="times"/> requests to <paramref name="endpoint"/> (e.g. "_bulk", "_search") fail whole with <paramref name="status"/>.</summary>
    public void Fail(string endpoint, int status, int times = 1)
    {
        var queue = _failures.GetOrAdd(endpoint, _ => new ConcurrentQueue<int>());
        for (var i = 0; i < times; i++) queue.Enqueue(status);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (request, path) = (context.Request, context.Request.Path.Value!.Trim('/'));
        var input = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        var body = await new StreamReader(input, Encoding.UTF8).ReadToEndAsync();
        Requests.Enqueue($"{request.Method} /{path}");
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var endpoint = segments.LastOrDefault(s => s.StartsWith('_')) ?? "";
        if (endpoint == "_search") LastSearchBody = body;
        FakeAnswer answer;
        try
        {
            answer = RequiredAuthorization is not null && request.Headers.Authorization != RequiredAuthorization
                ? FakeAnswer.Error(401, "security_exception", "missing authentication credentials for REST request [/" + path + "]")
                : _failures.TryGetValue(endpoint, out var failures) && failures.TryDequeue(out var status)
                    ? FakeAnswer.Error(status, status == 429 ? "es_rejected_execution_exception" : "fake_failure", $"failure asked of the fake ({status})")
                    : Route(request.Method, segments, endpoint, request.Query, body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            answer = FakeAnswer.Error(400, "x_content_parse_exception", e.Message);
        }
        context.Response.StatusCode = answer.Status;
        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        context.Response.ContentType = "application/json";
        if (request.Method != "HEAD") await context.Response.WriteAsync(answer.Json.ToJsonString());
    }

    private FakeAnswer Route(string method, string[] segments, string endpoint, IQueryCollection query, string body) =>
        (method, segments.Length, endpoint) switch
        {
            ("HEAD", 1, "") => new FakeAnswer(_cluster.Resolve(segments[0]).Count > 0 ? 200 : 404, new JsonObject()),
            ("PUT", 1, "") => _cluster.Create(segments[0], Parse(body)),
            ("GET", 1, "") => _cluster.Get(segments[0]),
            ("DELETE", 1, "") => _cluster.Delete(segments[0], query["ignore_unavailable"] == "true"),
            ("POST", 1, "_aliases") => _cluster.UpdateAliases(Parse(body)),
            ("GET", 2, "_mapping") => _cluster.GetMapping(segments[0]),
            ("PUT" or "POST", 2, "_mapping") => _cluster.PutMapping(segments[0], Parse(body)),
            ("POST" or "GET", 2, "_refresh") => FakeAnswer.Ok(new JsonObject { ["_shards"] = FakeAnswer.Shards() }),
            ("POST" or "PUT", 2, "_bulk") => Bulk(segments[0], body),
            ("POST" or "GET", 2, "_count") => _documents.Count(segments[0]),
            ("POST" or "GET", 2, "_search") => _documents.Search(segments[0], Parse(body)),
            _ => FakeAnswer.Error(404, "not_found", $"{method} /{string.Join('/', segments)} is not in the fake"),
        };

    private FakeAnswer Bulk(string index, string body)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actions = lines.Count(l => l.StartsWith("{\"index\"") || l.StartsWith("{\"delete\""));
        if (actions > MaxBulkDocuments) return FakeAnswer.Error(413, "content_too_long", "Request Entity Too Large");
        var rejectHalf = RejectFirstBulkHalf && Interlocked.Increment(ref _bulkRequests) == 1;
        return _documents.Bulk(index, lines, rejectHalf);
    }

    private static JsonObject Parse(string body) => string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body)!.AsObject();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>
/// Just enough of Elasticsearch's HTTP API to see what the client sends, on a local port: index creation (the
/// mapping is kept), bulk requests (rejecting the first one's second half with 429 when asked), and nothing else.
/// Not a substitute for the real server's tests; it pins down request shapes and the back-off.
/// </summary>
internal sealed class FakeElasticsearch : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HashSet<string> _indices = [];
    private int _bulkRequests;

    public FakeElasticsearch(bool rejectFirstBulkHalf)
    {
        Url = new Uri($"http://127.0.0.1:{LocalPostgres.FreePort()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(() => ServeAsync(rejectFirstBulkHalf));
    }

    public Uri Url { get; }
    public string? Mapping { get; private set; }

    /// <summary>Documents per bulk request, in order.</summary>
    public ConcurrentQueue<string[]> BulkIds { get; } = new();

    private async Task ServeAsync(bool rejectFirstBulkHalf)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            var (request, path) = (context.Request, context.Request.Url!.AbsolutePath.Trim('/'));
            var input = request.Headers["Content-Encoding"] == "gzip"
                ? new GZipStream(request.InputStream, CompressionMode.Decompress) : request.InputStream;
            var body = await new StreamReader(input).ReadToEndAsync();
            (int, string) answer;
            try
            {
                answer = (request.HttpMethod, path) switch
                {
                    ("HEAD", _) => (_indices.Contains(path) ? 200 : 404, ""),
                    ("POST" or "PUT", _) when path.EndsWith("_bulk") => Bulk(body, rejectFirstBulkHalf && Interlocked.Increment(ref _bulkRequests) == 1),
                    ("PUT", _) => Create(path, body),
                    _ => (404, """{"error":{"type":"not_found","reason":"not in the fake"},"status":404}"""),
                };
            }
            catch (Exception e)
            {
                answer = (500, JsonSerializer.Serialize(new { error = new { type = "fake_failure", reason = e.Message }, status = 500 }));
            }
            var (status, json) = answer;
            context.Response.StatusCode = status;
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(json);
            if (request.HttpMethod != "HEAD") await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int, string) Create(string index, string body)
    {
        _indices.Add(index);
        Mapping = body;
        return (200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{index}}"}""");
    }

    private (int, string) Bulk(string body, bool rejectHalf)
    {
        var actions = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(o => o.ContainsKey("index") || o.ContainsKey("delete")).ToList();
        var ids = actions.Select(a => (string)a.First().Value!["_id"]!).ToArray();
        BulkIds.Enqueue(ids);
        var items = ids.Select((id, i) => rejectHalf && i >= ids.Length / 2
            ? """{"index":{"_index":"x","_id":"ID","status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}""".Replace("ID", id)
            : $$$"""{"index":{"_index":"x","_id":"{{{id}}}","_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":{{{i}}},"_primary_term":1,"status":201}}""");
        return (200, $$"""{"took":1,"errors":{{(rejectHalf ? "true" : "false")}},"items":[{{string.Join(",", items)}}]}""");
    }

    public void Dispose() => _listener.Close();
}

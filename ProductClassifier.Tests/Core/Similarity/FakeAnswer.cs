using System.Text.Json.Nodes;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>A status and JSON body from <see cref="FakeElasticsearch"/>, errors shaped as Elasticsearch shapes them.</summary>
internal sealed record FakeAnswer(int Status, JsonNode Json)
{
    public static FakeAnswer Ok(JsonNode json) => new(200, json);

    public static FakeAnswer Acknowledged() => Ok(new JsonObject { ["acknowledged"] = true });

    public static FakeAnswer Error(int status, string type, string reason) => new(status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
            ["type"] = type,
            ["reason"] = reason,
        },
        ["status"] = status,
    });

    public static FakeAnswer IndexNotFound(string name) => Error(404, "index_not_found_exception", $"no such index [{name}]");

    public static JsonObject Shards() => new() { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 };
}

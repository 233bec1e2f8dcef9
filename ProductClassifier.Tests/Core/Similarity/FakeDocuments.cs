using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>
/// Bulk writes and kNN searches of <see cref="FakeElasticsearch"/>. Bulk documents are checked against the mapping as a
/// real server checks them (a field a strict mapping lacks, a vector of other dimensions or of zero length under cosine);
/// searches check the kNN body (known keys only, a dense_vector field, the query's dimensions, 1 ≤ k ≤ num_candidates ≤
/// 10,000, oversample ≥ 1) and answer it exactly, with term and ids filters, scoring cosine as (1 + cos) / 2.
/// </summary>
internal sealed class FakeDocuments(FakeCluster cluster)
{
    private static readonly HashSet<string> KnnKeys =
        ["field", "query_vector", "k", "num_candidates", "filter", "rescore_vector", "boost", "similarity", "_name", "inner_hits", "visit_percentage"];
    private static readonly HashSet<string> SearchKeys = ["knn", "size", "_source", "from", "track_total_hits"];
    private readonly Lock _lock = new();

    public ConcurrentQueue<string[]> BulkIds { get; } = new();

    public FakeAnswer Bulk(string target, string[] lines, bool rejectHalf)
    {
        var behind = cluster.Resolve(target);
        if (behind.Count > 1)
            return FakeAnswer.Error(400, "illegal_argument_exception", $"no write index is defined for alias [{target}]");
        var index = behind.Count == 1 ? cluster.Index(behind[0])! : cluster.AutoCreate(target);
        var operations = new List<(string Kind, string Id, JsonObject? Source)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var (kind, meta) = JsonNode.Parse(lines[i])!.AsObject().Single();
            var id = (string)meta!["_id"]!;
            operations.Add(kind == "delete" ? (kind, id, null) : (kind, id, JsonNode.Parse(lines[++i])!.AsObject()));
        }
        BulkIds.Enqueue(operations.Select(o => o.Id).ToArray());
        var items = new JsonArray();
        lock (_lock)
            foreach (var ((kind, id, source), position) in operations.Select((o, i) => (o, i)))
            {
                var (status, type, reason) = rejectHalf && position >= operations.Count / 2
                    ? (429, "es_rejected_execution_exception", "rejected execution: queue capacity exceeded")
                    : Apply(index, kind, id, source);
                var item = new JsonObject { ["_index"] = index.Name, ["_id"] = id, ["status"] = status };
                if (type is not null) item["error"] = new JsonObject { ["type"] = type, ["reason"] = reason };
                else item["result"] = status == 404 ? "not_found" : kind == "delete" ? "deleted" : status == 201 ? "created" : "updated";
                items.Add(new JsonObject { [kind] = item });
            }
        var errors = items.Any(i => (int)i!.AsObject().Single().Value!["status"]! >= 300 && (int)i.AsObject().Single().Value!["status"]! != 404);
        return FakeAnswer.Ok(new JsonObject { ["took"] = 1, ["errors"] = errors, ["items"] = items });
    }

    public FakeAnswer Count(string target)
    {
        var behind = cluster.Resolve(target);
        if (behind.Count == 0) return FakeAnswer.IndexNotFound(target);
        lock (_lock)
            return FakeAnswer.Ok(new JsonObject { ["count"] = behind.Sum(i => cluster.Index(i)!.Documents.Count), ["_shards"] = FakeAnswer.Shards() });
    }

    public FakeAnswer Search(string target, JsonObject body)
    {
        var behind = cluster.Resolve(target);
        if (behind.Count == 0) return FakeAnswer.IndexNotFound(target);
        if (body.Select(p => p.Key).FirstOrDefault(k => !SearchKeys.Contains(k)) is { } unknownKey)
            return FakeAnswer.Error(400, "parsing_exception", $"Unknown key [{unknownKey}] (the fake knows {string.Join(", ", SearchKeys)})");
        if (body["knn"] is not JsonObject knn) return FakeAnswer.Error(400, "parsing_exception", "the fake answers kNN searches only");
        var index = cluster.Index(behind[0])!;
        if (BadKnn(index, knn) is { } why) return FakeAnswer.Error(400, "illegal_argument_exception", why);
        var query = Vector(knn["query_vector"]!);
        var filters = Many(knn["filter"]).Select(f => f!.AsObject()).ToList();
        var k = (int?)knn["k"] ?? (int?)body["size"] ?? 10;
        var size = (int?)body["size"] ?? 10;
        List<(string Id, string Index, double Score)> hits;
        lock (_lock)
            hits = behind.Select(i => cluster.Index(i)!).SelectMany(i => i.Documents.Select(d => (d.Key, i.Name, d.Value)))
                .Where(d => d.Value[(string)knn["field"]!] is JsonArray && filters.All(f => Matches(f, d.Key, d.Value)))
                .Select(d => (d.Key, d.Name, (1 + Cosine(query, Vector(d.Value[(string)knn["field"]!]!))) / 2))
                .OrderByDescending(h => h.Item3).Take(Math.Min(k, size)).ToList();
        return FakeAnswer.Ok(new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = FakeAnswer.Shards(),
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = hits.Count, ["relation"] = "eq" },
                ["max_score"] = hits.Count > 0 ? hits[0].Score : null,
                ["hits"] = new JsonArray(hits.Select(h => (JsonNode)new JsonObject { ["_index"] = h.Index, ["_id"] = h.Id, ["_score"] = h.Score }).ToArray()),
            },
        });
    }

    private static (int Status, string? Type, string? Reason) Apply(FakeIndex index, string kind, string id, JsonObject? source)
    {
        if (kind == "delete") return (index.Documents.Remove(id) ? 200 : 404, null, null);
        if (Refusal(index, id, source!) is { } refusal) return (400, refusal.Type, refusal.Reason);
        var created = index.Documents.TryAdd(id, source!);
        index.Documents[id] = source!;
        return (created ? 201 : 200, null, null);
    }

    /// <summary>Why a real server would refuse the document (type, reason); null when it would take it.</summary>
    private static (string Type, string Reason)? Refusal(FakeIndex index, string id, JsonObject source)
    {
        foreach (var (field, value) in source)
        {
            if (index.TypeOf(field) is null)
            {
                if (index.Strict)
                    return ("strict_dynamic_mapping_exception", $"[1:2] mapping set to strict, dynamic introduction of [{field}] within [_doc] is not allowed");
                continue;
            }
            if (index.TypeOf(field) != "dense_vector") continue;
            var vector = Vector(value!);
            if (vector.Length != index.DimensionsOf(field))
                return ("document_parsing_exception", $"The [dense_vector] field [{field}] in doc [{id}] has a different number of dimensions " +
                    $"[{vector.Length}] than defined in the mapping [{index.DimensionsOf(field)}]");
            if ((string?)index.Properties[field]!["similarity"] == "cosine" && vector.All(x => x == 0))
                return ("document_parsing_exception", "The [cosine] similarity does not support vectors with zero magnitude.");
        }
        return null;
    }

    private static string? BadKnn(FakeIndex index, JsonObject knn)
    {
        if (knn.Select(p => p.Key).FirstOrDefault(key => !KnnKeys.Contains(key)) is { } unknown) return $"[knn] unknown field [{unknown}]";
        var field = (string?)knn["field"];
        if (field is null || index.TypeOf(field) != "dense_vector")
            return $"[knn] queries are only supported on [dense_vector] fields, not [{field}] ({index.TypeOf(field ?? "") ?? "unmapped"})";
        if (knn["query_vector"] is not JsonArray vector) return "either [query_vector_builder] or [query_vector] must be provided";
        if (vector.Count != index.DimensionsOf(field))
            return $"The query vector has a different number of dimensions [{vector.Count}] than the document vectors [{index.DimensionsOf(field)}].";
        var k = (int?)knn["k"] ?? 10;
        var candidates = (int?)knn["num_candidates"] ?? Math.Min(10_000, (int)(k * 1.5));
        if (k < 1) return "[k] must be greater than 0";
        if (candidates < k) return "[num_candidates] cannot be less than [k]";
        if (candidates > 10_000) return "[num_candidates] cannot exceed [10000]";
        if (knn["rescore_vector"] is { } rescore && ((double?)rescore["oversample"] ?? 0) < 1) return "[oversample] must be >= 1.0";
        return null;
    }

    private static bool Matches(JsonObject filter, string id, JsonObject source)
    {
        var (kind, body) = filter.Single();
        switch (kind)
        {
            case "term":
                var (field, condition) = body!.AsObject().Single();
                var wanted = (condition is JsonObject o ? o["value"] : condition)!.ToString();
                return source[field] switch
                {
                    JsonArray values => values.Any(v => v!.ToString() == wanted),
                    { } single => single.ToString() == wanted,
                    null => false,
                };
            case "ids":
                return Many(body!["values"]).Any(v => (string)v! == id);
            case "bool":
                var mustNot = Many(body!["must_not"]).All(q => !Matches(q!.AsObject(), id, source));
                var must = Many(body["must"]).Concat(Many(body["filter"])).All(q => Matches(q!.AsObject(), id, source));
                return mustNot && must;
            default:
                throw new InvalidOperationException($"unknown query [{kind}]");
        }
    }

    private static IEnumerable<JsonNode?> Many(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array,
        _ => new[] { node }, // not [node]: that would be a JsonArray, which would take the node from its parent
    };

    private static float[] Vector(JsonNode node) => node.AsArray().Select(v => (float)v!).ToArray();

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) (dot, na, nb) = (dot + a[i] * b[i], na + a[i] * a[i], nb + b[i] * b[i]);
        return dot / Math.Sqrt(na * nb);
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>
/// The indices and aliases of <see cref="FakeElasticsearch"/>, with the checks a real server makes: index and alias
/// names, mapping parameters (dense_vector dims, similarity, index_options and their bounds), atomic alias actions,
/// no alias named like an index, no deleting an index through an alias.
/// </summary>
internal sealed class FakeCluster
{
    private static readonly HashSet<string> FieldTypes = ["long", "integer", "keyword", "text", "dense_vector", "date", "boolean", "float"];
    private static readonly HashSet<string> VectorIndexTypes = ["hnsw", "int8_hnsw", "int4_hnsw", "bbq_hnsw", "flat", "int8_flat", "int4_flat", "bbq_flat"];
    private static readonly HashSet<string> Similarities = ["cosine", "dot_product", "l2_norm", "max_inner_product"];
    private readonly Dictionary<string, FakeIndex> _indices = [];
    private readonly Dictionary<string, HashSet<string>> _aliases = [];
    private readonly Lock _lock = new();

    public string? LastMapping { get; private set; }

    public IReadOnlyCollection<string> IndexNames { get { lock (_lock) return _indices.Keys.Order().ToList(); } }

    /// <summary>The concrete indices a name stands for: the index itself, or those behind the alias; none when neither exists.</summary>
    public IReadOnlyList<string> Resolve(string name)
    {
        lock (_lock)
            return _indices.ContainsKey(name) ? [name] : _aliases.TryGetValue(name, out var behind) ? behind.Order().ToList() : [];
    }

    public FakeIndex? Index(string name) { lock (_lock) return _indices.GetValueOrDefault(name); }

    public FakeAnswer Create(string name, JsonObject body)
    {
        if (InvalidName(name) is { } why) return FakeAnswer.Error(400, "invalid_index_name_exception", $"Invalid index name [{name}], {why}");
        var mappings = body["mappings"]?.AsObject() ?? new JsonObject();
        if (InvalidMapping(mappings) is { } bad) return FakeAnswer.Error(400, "mapper_parsing_exception", bad);
        lock (_lock)
        {
            if (_indices.ContainsKey(name) || _aliases.ContainsKey(name))
                return FakeAnswer.Error(400, "resource_already_exists_exception", $"index [{name}] already exists");
            _indices[name] = new FakeIndex(name, mappings.DeepClone().AsObject());
            LastMapping = body.ToJsonString();
        }
        return FakeAnswer.Ok(new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name });
    }

    /// <summary>An index created by a bulk write to a missing one, as <c>action.auto_create_index</c> does: dynamic, no properties.</summary>
    public FakeIndex AutoCreate(string name)
    {
        lock (_lock) return _indices.TryGetValue(name, out var index) ? index : _indices[name] = new FakeIndex(name, new JsonObject { ["dynamic"] = "true", ["properties"] = new JsonObject() });
    }

    public FakeAnswer GetMapping(string name)
    {
        var indices = Resolve(name);
        if (indices.Count == 0) return FakeAnswer.IndexNotFound(name);
        var json = new JsonObject();
        foreach (var index in indices) json[index] = new JsonObject { ["mappings"] = Index(index)!.Mappings.DeepClone() };
        return FakeAnswer.Ok(json);
    }

    public FakeAnswer PutMapping(string name, JsonObject body)
    {
        var indices = Resolve(name);
        if (indices.Count == 0) return FakeAnswer.IndexNotFound(name);
        if (body["properties"] is not null || body["dynamic"] is not null)
            return FakeAnswer.Error(400, "illegal_argument_exception", "the fake only updates _meta");
        lock (_lock)
            foreach (var index in indices) _indices[index].Mappings["_meta"] = body["_meta"]?.DeepClone();
        return FakeAnswer.Acknowledged();
    }

    public FakeAnswer Get(string pattern)
    {
        var json = new JsonObject();
        lock (_lock)
            foreach (var part in pattern.Split(','))
            {
                var regex = new Regex("^" + Regex.Escape(part).Replace("\\*", ".*") + "$");
                var names = _indices.Keys.Where(n => regex.IsMatch(n))
                    .Concat(_aliases.Where(a => regex.IsMatch(a.Key)).SelectMany(a => a.Value)).Distinct();
                foreach (var name in names)
                    json[name] = new JsonObject
                    {
                        ["aliases"] = new JsonObject(_aliases.Where(a => a.Value.Contains(name)).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonObject()))),
                        ["mappings"] = _indices[name].Mappings.DeepClone(),
                        ["settings"] = new JsonObject { ["index"] = new JsonObject { ["number_of_shards"] = "1" } },
                    };
            }
        return FakeAnswer.Ok(json);
    }

    public FakeAnswer Delete(string name, bool ignoreUnavailable)
    {
        lock (_lock)
        {
            if (_aliases.ContainsKey(name))
                return FakeAnswer.Error(400, "illegal_argument_exception",
                    $"The provided expression [{name}] matches an alias, specify the corresponding concrete indices instead.");
            if (!_indices.Remove(name)) return ignoreUnavailable ? FakeAnswer.Acknowledged() : FakeAnswer.IndexNotFound(name);
            foreach (var (alias, behind) in _aliases.ToList())
                if (behind.Remove(name) && behind.Count == 0) _aliases.Remove(alias);
        }
        return FakeAnswer.Acknowledged();
    }

    /// <summary>Applies the actions all together or not at all, as <c>POST _aliases</c> does.</summary>
    public FakeAnswer UpdateAliases(JsonObject body)
    {
        lock (_lock)
        {
            var indices = _indices.Keys.ToHashSet();
            var aliases = _aliases.ToDictionary(a => a.Key, a => a.Value.ToHashSet());
            foreach (var action in body["actions"]!.AsArray().Select(a => a!.AsObject().Single()))
            {
                var (index, alias) = ((string)action.Value!["index"]!, (string?)action.Value!["alias"]);
                if (!indices.Contains(index)) return FakeAnswer.IndexNotFound(index);
                switch (action.Key)
                {
                    case "add":
                        aliases.TryAdd(alias!, []);
                        aliases[alias!].Add(index);
                        break;
                    case "remove":
                        if (!aliases.TryGetValue(alias!, out var behind) || !behind.Remove(index))
                            return FakeAnswer.Error(404, "aliases_not_found_exception", $"aliases [{alias}] missing");
                        if (behind.Count == 0) aliases.Remove(alias!);
                        break;
                    case "remove_index":
                        indices.Remove(index);
                        foreach (var set in aliases.Values) set.Remove(index);
                        break;
                    default:
                        return FakeAnswer.Error(400, "x_content_parse_exception", $"[aliases] unknown action [{action.Key}]");
                }
            }
            foreach (var alias in aliases.Where(a => a.Value.Count == 0).Select(a => a.Key).ToList()) aliases.Remove(alias);
            if (aliases.Keys.FirstOrDefault(indices.Contains) is { } clash)
                return FakeAnswer.Error(400, "invalid_alias_name_exception", $"Invalid alias name [{clash}]: an index or data stream exists with the same name as the alias");
            if (aliases.Keys.FirstOrDefault(a => InvalidName(a) is not null) is { } badAlias)
                return FakeAnswer.Error(400, "invalid_alias_name_exception", $"Invalid alias name [{badAlias}], {InvalidName(badAlias)}");
            foreach (var removed in _indices.Keys.Where(i => !indices.Contains(i)).ToList()) _indices.Remove(removed);
            _aliases.Clear();
            foreach (var (alias, behind) in aliases) _aliases[alias] = behind;
        }
        return FakeAnswer.Acknowledged();
    }

    /// <summary>Elasticsearch's rules for index and alias names (MetadataCreateIndexService).</summary>
    private static string? InvalidName(string name) =>
        name != name.ToLowerInvariant() ? "must be lowercase"
        : name.IndexOfAny(['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':']) >= 0 ? "must not contain \\, /, *, ?, \", <, >, |, space, comma, #, :"
        : name[0] is '_' or '-' or '+' ? "must not start with '_', '-', or '+'"
        : name is "." or ".." ? "must not be '.' or '..'"
        : System.Text.Encoding.UTF8.GetByteCount(name) > 255 ? "index name is too long"
        : null;

    private static string? InvalidMapping(JsonObject mappings)
    {
        if (mappings["dynamic"] is { } dynamic && (string?)dynamic is not ("true" or "false" or "strict" or "runtime"))
            return $"[dynamic] must be one of true, false, strict, runtime, not [{dynamic}]";
        foreach (var (field, definition) in mappings["properties"]?.AsObject() ?? [])
        {
            var type = (string?)definition?["type"];
            if (type is null || !FieldTypes.Contains(type)) return $"No handler for type [{type}] declared on field [{field}]";
            if (type != "dense_vector") continue;
            if ((int?)definition!["dims"] is not (>= 1 and <= 4096)) return $"[dims] of [{field}] must be in [1, 4096]";
            if (definition["similarity"] is { } similarity && !Similarities.Contains((string)similarity!)) return $"unknown similarity [{similarity}]";
            if (definition["index_options"] is JsonObject options)
            {
                if (!VectorIndexTypes.Contains((string?)options["type"] ?? "")) return $"Unknown vector index options type [{options["type"]}] for field [{field}]";
                if (options.Select(o => o.Key).FirstOrDefault(k => k is not ("type" or "m" or "ef_construction" or "confidence_interval" or "rescore_vector")) is { } unknown)
                    return $"Mapping definition for [{field}] has unsupported parameters: [{unknown}]";
                if ((int?)options["m"] is < 1 or > 512) return "[m] must be in [1, 512]";
                if ((int?)options["ef_construction"] is < 1 or > 3200) return "[ef_construction] must be in [1, 3200]";
            }
        }
        return null;
    }
}

using System.Text.Json.Nodes;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>One index of <see cref="FakeCluster"/>: its mapping and its documents by id.</summary>
internal sealed class FakeIndex(string name, JsonObject mappings)
{
    public string Name { get; } = name;
    public JsonObject Mappings { get; } = mappings;
    public Dictionary<string, JsonObject> Documents { get; } = [];

    public JsonObject Properties => Mappings["properties"]?.AsObject() ?? new JsonObject();

    public bool Strict => (string?)Mappings["dynamic"] == "strict";

    public string? TypeOf(string field) => (string?)Properties[field]?["type"];

    public int? DimensionsOf(string field) => (int?)Properties[field]?["dims"];
}

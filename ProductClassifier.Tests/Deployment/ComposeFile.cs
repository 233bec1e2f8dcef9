using YamlDotNet.RepresentationModel;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// A compose file's services as the tests need them, read with YamlDotNet: anchors resolved and merge keys
/// (<c>&lt;&lt;: *anchor</c>, <c>&lt;&lt;: [*a, *b]</c>) merged the way Compose merges them, keys written in the mapping winning.
/// Values stay as written: <c>${VAR:-default}</c> is not interpolated.
/// </summary>
internal sealed class ComposeFile
{
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, ComposeService> Services { get; init; }
    public required IReadOnlySet<string> Volumes { get; init; }

    public static ComposeFile Read(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path)) yaml.Load(reader);
        var root = Map(yaml.Documents[0].RootNode);
        return new ComposeFile
        {
            Path = path,
            Services = Map(root["services"]).ToDictionary(s => s.Key, s => new ComposeService(s.Key, Map(s.Value))),
            Volumes = root.TryGetValue("volumes", out var volumes) ? Map(volumes).Keys.ToHashSet() : [],
        };
    }

    /// <summary>A mapping with its merge keys applied.</summary>
    public static Dictionary<string, YamlNode> Map(YamlNode node)
    {
        if (node is not YamlMappingNode mapping) throw new FormatException($"line {node.Start.Line}: a mapping was expected.");
        var map = new Dictionary<string, YamlNode>();
        foreach (var (key, value) in mapping.Children)
        {
            if (Scalar(key) != "<<") continue;
            var merged = value is YamlSequenceNode list ? list.Children : [value];
            foreach (var (k, v) in merged.SelectMany(Map)) map.TryAdd(k, v); // an earlier anchor in the list wins, as in Compose
        }
        foreach (var (key, value) in mapping.Children)
            if (Scalar(key) is var name && name != "<<") map[name] = value;
        return map;
    }

    public static string Scalar(YamlNode node) =>
        node is YamlScalarNode { Value: var value } ? value ?? "" : throw new FormatException($"line {node.Start.Line}: a scalar was expected.");

    public static IReadOnlyList<string> List(YamlNode node) =>
        node is YamlSequenceNode list ? list.Children.Select(Scalar).ToList() : throw new FormatException($"line {node.Start.Line}: a list was expected.");
}

internal sealed record ComposeService(string Name, IReadOnlyDictionary<string, YamlNode> Node)
{
    private YamlNode? Get(params string[] path)
    {
        YamlNode? node = null;
        IReadOnlyDictionary<string, YamlNode>? map = Node;
        foreach (var key in path)
        {
            if (map is null || !map.TryGetValue(key, out node)) return null;
            map = node is YamlMappingNode ? ComposeFile.Map(node) : null;
        }
        return node;
    }

    public string? Image => Get("image") is { } n ? ComposeFile.Scalar(n) : null;
    public string? BuildContext => Get("build", "context") is { } n ? ComposeFile.Scalar(n) : null;
    public string? Dockerfile => Get("build", "dockerfile") is { } n ? ComposeFile.Scalar(n) : null;
    public IReadOnlyDictionary<string, string> BuildArgs => Get("build", "args") is { } n ? ComposeFile.Map(n).ToDictionary(a => a.Key, a => ComposeFile.Scalar(a.Value)) : new Dictionary<string, string>();
    public IReadOnlyList<string>? Command => Get("command") is { } n ? ComposeFile.List(n) : null;
    public IReadOnlyList<string> Profiles => Get("profiles") is { } n ? ComposeFile.List(n) : [];
    public IReadOnlyList<string> Ports => Get("ports") is { } n ? ComposeFile.List(n) : [];
    public string? ContainerName => Get("container_name") is { } n ? ComposeFile.Scalar(n) : null;

    /// <summary>The environment, as a mapping (the form docker/compose.yaml uses).</summary>
    public IReadOnlyDictionary<string, string> Environment => Get("environment") is { } n ? ComposeFile.Map(n).ToDictionary(e => e.Key, e => ComposeFile.Scalar(e.Value)) : new Dictionary<string, string>();

    /// <summary>The named volumes mounted, with where: <c>name:/path[:ro]</c>.</summary>
    public IReadOnlyList<(string Volume, string Target)> Volumes => Get("volumes") is { } n
        ? ComposeFile.List(n).Select(v => v.Split(':')).Select(p => (p[0], p[1])).ToList() : [];

    public IReadOnlyDictionary<string, (string Condition, bool Required)> DependsOn => Get("depends_on") is { } n
        ? ComposeFile.Map(n).ToDictionary(d => d.Key, d =>
        {
            var dependency = ComposeFile.Map(d.Value);
            return (ComposeFile.Scalar(dependency["condition"]), !dependency.TryGetValue("required", out var r) || ComposeFile.Scalar(r) != "false");
        })
        : new Dictionary<string, (string, bool)>();

    public IReadOnlyList<string>? HealthTest => Get("healthcheck", "test") is { } n ? ComposeFile.List(n) : null;
    public bool HealthDisabled => Get("healthcheck", "disable") is { } n && ComposeFile.Scalar(n) == "true";

    /// <summary>The GPU reservations: <c>deploy.resources.reservations.devices</c> entries whose capabilities name gpu.</summary>
    public int GpuReservations => Get("deploy", "resources", "reservations", "devices") is YamlSequenceNode devices
        ? devices.Children.Count(d => ComposeFile.Map(d).TryGetValue("capabilities", out var c) && ComposeFile.List(c).Contains("gpu")) : 0;
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// A Dockerfile read into stages and instructions: as much of the format as docker/ uses (line continuations, comments,
/// ARG before the first FROM, exec and shell forms), so tests can check its paths and replay its build stage.
/// </summary>
internal sealed partial class Dockerfile
{
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> GlobalArgs { get; init; }
    public required IReadOnlyList<DockerStage> Stages { get; init; }

    public DockerStage Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>The stage the image is made of: the last one.</summary>
    public DockerStage Final => Stages[^1];

    public static Dockerfile Read(string path)
    {
        var globalArgs = new Dictionary<string, string>();
        var stages = new List<(string From, string? Name, List<DockerInstruction> Instructions)>();
        foreach (var instruction in Instructions(File.ReadAllLines(path)))
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Words;
                stages.Add((words[0], words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null, []));
            }
            else if (stages.Count == 0)
            {
                if (instruction.Keyword != "ARG") throw new FormatException($"{path}:{instruction.Line}: {instruction.Keyword} before the first FROM.");
                var (name, value) = instruction.Argument;
                globalArgs[name] = value ?? "";
            }
            else stages[^1].Instructions.Add(instruction);
        }
        return new Dockerfile
        {
            Path = path,
            GlobalArgs = globalArgs,
            Stages = stages.Select(s => new DockerStage(s.From, s.Name, s.Instructions)).ToList(),
        };
    }

    private static IEnumerable<DockerInstruction> Instructions(string[] lines)
    {
        var text = "";
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && text.Length == 0)) continue; // comments, also inside continuations
            if (text.Length == 0) start = i + 1;
            if (line.EndsWith('\\')) { text += line[..^1].Trim() + " "; continue; }
            text += line;
            if (text.Length == 0) continue;
            var match = InstructionPattern().Match(text);
            if (!match.Success) throw new FormatException($"line {start}: not an instruction: {text}");
            yield return new DockerInstruction(match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value.Trim(), start);
            text = "";
        }
    }

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$")]
    private static partial Regex InstructionPattern();
}

internal sealed record DockerStage(string From, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The stage's ENV settings, in order (a later one wins).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV").SelectMany(i => i.Words).Select(w => w.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}

internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    public IReadOnlyList<string> Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>ARG NAME[=default].</summary>
    public (string Name, string? Default) Argument => Arguments.Split('=', 2) is var parts && parts.Length == 2 ? (parts[0], parts[1]) : (Arguments, null);

    /// <summary>The exec form (<c>["dotnet", "app.dll"]</c>) of CMD, ENTRYPOINT or what follows HEALTHCHECK's CMD; null for the shell form.</summary>
    public string[]? ExecForm
    {
        get
        {
            var json = Keyword == "HEALTHCHECK" ? Arguments[(Arguments.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..].Trim() : Arguments;
            return json.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(json) : null;
        }
    }
}

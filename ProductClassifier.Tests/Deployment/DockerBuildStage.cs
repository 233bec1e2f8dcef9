using System.Text.RegularExpressions;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// Replays a Dockerfile's build stage on this machine, without Docker: its COPY instructions copy from the build context
/// (minus what <c>.dockerignore</c> leaves out) into a folder standing for the container's file system, and its RUN
/// instructions run there with the same arguments, container paths moved under that folder. What it supports is what
/// docker/ uses; anything else fails loudly rather than being replayed wrongly.
/// </summary>
internal static partial class DockerBuildStage
{
    /// <summary>Runs <paramref name="stage"/> of <paramref name="dockerfile"/> with the build arguments' defaults; returns the folder standing for <c>/</c>.</summary>
    public static async Task<string> RunAsync(Dockerfile dockerfile, string stage, string context, string root, TextWriter log, CancellationToken ct)
    {
        var ignored = DockerIgnore.Read(Path.Combine(context, ".dockerignore"));
        var args = new Dictionary<string, string>(dockerfile.GlobalArgs);
        var workdir = root;
        foreach (var instruction in dockerfile.Stage(stage).Instructions)
        {
            switch (instruction.Keyword)
            {
                case "ARG":
                    var (name, value) = instruction.Argument;
                    args[name] = value ?? dockerfile.GlobalArgs.GetValueOrDefault(name, "");
                    break;
                case "WORKDIR":
                    workdir = InContainer(root, workdir, instruction.Arguments);
                    Directory.CreateDirectory(workdir);
                    break;
                case "COPY":
                    var words = instruction.Words;
                    if (words.Any(w => w.StartsWith("--", StringComparison.Ordinal))) throw Unsupported(dockerfile, instruction);
                    var destination = InContainer(root, workdir, words[^1]);
                    foreach (var source in words.Take(words.Count - 1))
                        Copy(Path.Combine(context, source), destination, words[^1].EndsWith('/') || words[^1] is "." or "./", ignored, context);
                    break;
                case "RUN":
                    var command = Substitute(instruction.Arguments, args).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(w => w.StartsWith('/') ? InContainer(root, workdir, w) : w).ToArray();
                    if (command.Any(w => w is "&&" or "||" or "|" or ";" or ">" or "<")) throw Unsupported(dockerfile, instruction);
                    await RunAsync(command, workdir, log, ct);
                    break;
                default:
                    throw Unsupported(dockerfile, instruction);
            }
        }
        return root;
    }

    /// <summary>A container path (absolute, or relative to the working directory) under <paramref name="root"/>.</summary>
    public static string InContainer(string root, string workdir, string path) =>
        path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : Path.GetFullPath(Path.Combine(workdir, path));

    private static void Copy(string source, string destination, bool intoFolder, DockerIgnore ignored, string context)
    {
        if (Directory.Exists(source))
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                if (ignored.Excludes(Path.GetRelativePath(context, file))) continue;
                var target = Path.Combine(destination, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
        else if (File.Exists(source))
        {
            var target = intoFolder ? Path.Combine(destination, Path.GetFileName(source)) : destination;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
        else throw new FileNotFoundException($"COPY source {Path.GetRelativePath(context, source)} is not in the build context.", source);
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> args) =>
        VariablePattern().Replace(text, m => args.TryGetValue(m.Groups[1].Value + m.Groups[2].Value, out var v)
            ? v : throw new InvalidOperationException($"{m.Value} is no build argument of the stage."));

    private static async Task RunAsync(string[] command, string workdir, TextWriter log, CancellationToken ct)
    {
        var (exitCode, output) = await BuildProcess.RunAsync(command, workdir, ct);
        await log.WriteLineAsync($"$ {string.Join(' ', command)}\n{output}");
        if (exitCode != 0) throw new InvalidOperationException($"RUN {string.Join(' ', command)} exited {exitCode}:\n{output}");
    }

    private static NotSupportedException Unsupported(Dockerfile dockerfile, DockerInstruction instruction) =>
        new($"{dockerfile.Path}:{instruction.Line}: '{instruction.Keyword} {instruction.Arguments}' is beyond what DockerBuildStage replays; extend it.");

    [GeneratedRegex(@"\$\{(\w+)\}|\$(\w+)")]
    private static partial Regex VariablePattern();
}

/// <summary>The patterns of a <c>.dockerignore</c> that docker/ uses: <c>**/NAME/</c> (a folder at any depth) and <c>NAME/</c> (at the top).</summary>
internal sealed class DockerIgnore(IReadOnlyList<string> anywhere, IReadOnlyList<string> top)
{
    public static DockerIgnore Read(string path)
    {
        var patterns = File.Exists(path) ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList() : [];
        foreach (var p in patterns.Where(p => p.TrimEnd('/').Replace("**/", "").IndexOfAny(['*', '?', '[', '!', '/']) >= 0))
            throw new NotSupportedException($"{path}: '{p}' is beyond the patterns DockerIgnore understands (**/NAME/, NAME/).");
        return new(
            patterns.Where(p => p.StartsWith("**/", StringComparison.Ordinal)).Select(p => p[3..].TrimEnd('/')).ToList(),
            patterns.Where(p => !p.StartsWith("**/", StringComparison.Ordinal)).Select(p => p.TrimEnd('/')).ToList());
    }

    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Split(Path.DirectorySeparatorChar);
        return top.Contains(parts[0]) || parts.Any(anywhere.Contains);
    }
}

using System.IO.Compression;
using System.Text.RegularExpressions;

namespace ProductClassifier.Core.Taxonomy;

/// <summary>
/// Reads a taxonomy file in any <see cref="TaxonomyFormat"/>, detected from its first content line (blank
/// lines and # comments are skipped). Bad input — duplicate ids or paths, orphans, cycles, malformed
/// lines — is a <see cref="UserFacingException"/> naming the file, the line and the id or path.
/// </summary>
public static partial class TaxonomyParser
{
    /// <summary>Parses a file (optionally gzipped); <paramref name="format"/> overrides detection.</summary>
    public static TaxonomyTree ParseFile(string file, TaxonomyFormat? format = null)
    {
        if (!File.Exists(file)) throw new UserFacingException($"Taxonomy file '{file}' not found.");
        using var stream = File.OpenRead(file);
        using var reader = new StreamReader(file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        return Parse(reader, file, format);
    }

    /// <summary>Parses taxonomy text; <paramref name="source"/> names it in errors (and its extension helps detection).</summary>
    public static TaxonomyTree Parse(TextReader reader, string source, TaxonomyFormat? format = null)
    {
        var lines = ContentLines(reader);
        if (lines.Count == 0) throw new UserFacingException($"{source}: no categories (only blank lines or # comments).");
        var chosen = format ?? Detect(lines[0].Text, source);
        return chosen switch
        {
            TaxonomyFormat.Plain => ParsePlain(lines, source),
            TaxonomyFormat.Google or TaxonomyFormat.Shopify => ParseListed(lines, source, chosen),
            TaxonomyFormat.ParentId => ParentIdTaxonomy.Parse(lines, source),
            _ => throw new ArgumentOutOfRangeException(nameof(format), chosen, "Not a file format."),
        };
    }

    /// <summary>The format a file's first content line (and its name) shows.</summary>
    public static TaxonomyFormat Detect(string firstLine, string source)
    {
        if (firstLine.StartsWith("gid://", StringComparison.Ordinal)) return TaxonomyFormat.Shopify;
        if (GoogleLine().IsMatch(firstLine)) return TaxonomyFormat.Google;
        if (ParentIdTaxonomy.IsHeader(firstLine)) return TaxonomyFormat.ParentId;
        var extension = Path.GetExtension(source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? source[..^3] : source);
        return extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase)
            ? TaxonomyFormat.ParentId : TaxonomyFormat.Plain;
    }

    internal static string[] NamesOf(string pathText, string source, int line)
    {
        var names = CategoryPath.Split(pathText);
        if (names.Any(n => n.Length == 0))
            throw new UserFacingException($"{source}:{line}: empty category name in '{pathText.Trim()}'.");
        return names;
    }

    private static List<TaxonomyLine> ContentLines(TextReader reader)
    {
        var lines = new List<TaxonomyLine>();
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            var trimmed = text.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#') lines.Add(new TaxonomyLine(number, trimmed));
        }
        return lines;
    }

    private static TaxonomyTree ParsePlain(List<TaxonomyLine> lines, string source)
    {
        var builder = new TaxonomyBuilder();
        foreach (var line in lines) builder.Add(NamesOf(line.Text, source, line.Number));
        return builder.Build(TaxonomyFormat.Plain);
    }

    // Google and Shopify list every node with its own id, so an unlisted parent is an orphan, not implied.
    private static TaxonomyTree ParseListed(List<TaxonomyLine> lines, string source, TaxonomyFormat format)
    {
        var pattern = format == TaxonomyFormat.Google ? GoogleLine() : ShopifyLine();
        var expected = format == TaxonomyFormat.Google ? "ID - A > B > C" : "gid://shopify/TaxonomyCategory/ID : A > B > C";
        var lineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var byPath = new Dictionary<string, (string Id, int Line)>(StringComparer.Ordinal);
        var entries = new List<(string Id, string[] Names, string Path, int Line)>(lines.Count);
        foreach (var line in lines)
        {
            var match = pattern.Match(line.Text);
            if (!match.Success)
                throw new UserFacingException($"{source}:{line.Number}: expected '{expected}' ({format} format, detected from line {lines[0].Number}), got '{line.Text}'.");
            var id = match.Groups[1].Value;
            var names = NamesOf(match.Groups[2].Value, source, line.Number);
            var path = CategoryPath.Join(names);
            if (lineOfId.TryGetValue(id, out var first))
                throw new UserFacingException($"{source}:{line.Number}: duplicate id '{id}' (first on line {first}).");
            if (byPath.TryGetValue(path, out var same))
                throw new UserFacingException($"{source}:{line.Number}: duplicate path '{path}' with id '{id}' (id '{same.Id}' on line {same.Line}).");
            lineOfId.Add(id, line.Number);
            byPath.Add(path, (id, line.Number));
            entries.Add((id, names, path, line.Number));
        }

        var builder = new TaxonomyBuilder();
        foreach (var (id, names, path, line) in entries)
        {
            var parent = CategoryPath.ParentOf(path);
            if (parent is not null && !byPath.ContainsKey(parent))
                throw new UserFacingException($"{source}:{line}: orphan '{path}' (id '{id}'): its parent '{parent}' is not listed.");
            builder.Add(names, id);
        }
        return builder.Build(format);
    }

    [GeneratedRegex(@"^(\d+)\s+-\s+(.+)$")]
    private static partial Regex GoogleLine();

    [GeneratedRegex(@"^(gid://[^\s:]+)\s*:\s*(.+)$")]
    private static partial Regex ShopifyLine();
}

using System.Text;

namespace ProductClassifier.Core.Taxonomy;

/// <summary>
/// The <c>id,parent_id,name</c> format (comma or tab separated, quotes as in CSV, header optional). Unlike the
/// path formats, ids can point in circles, so cycles are found here.
/// </summary>
internal static class ParentIdTaxonomy
{
    private static readonly string[] ParentHeaders = ["parent_id", "parent", "parentid", "parent id"];

    public static bool IsHeader(string line)
    {
        var cells = Cells(line, Delimiter(line)).Select(c => c.ToLowerInvariant()).ToList();
        return cells.Contains("id") && cells.Contains("name") && cells.Any(ParentHeaders.Contains);
    }

    public static TaxonomyTree Parse(IReadOnlyList<TaxonomyLine> lines, string source)
    {
        var delimiter = Delimiter(lines[0].Text);
        var (id, parent, name) = (0, 1, 2);
        var hasHeader = IsHeader(lines[0].Text);
        if (hasHeader)
        {
            var header = Cells(lines[0].Text, delimiter).Select(c => c.ToLowerInvariant()).ToList();
            (id, parent, name) = (header.IndexOf("id"), header.FindIndex(ParentHeaders.Contains), header.IndexOf("name"));
        }

        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(hasHeader ? 1 : 0))
        {
            var cells = Cells(line.Text, delimiter);
            if (cells.Count <= Math.Max(id, Math.Max(parent, name)))
                throw new UserFacingException($"{source}:{line.Number}: expected columns id, parent_id, name separated by '{(delimiter == '\t' ? "\\t" : ",")}', got '{line.Text}'.");
            var row = new Row(cells[id], cells[parent].Length == 0 ? null : cells[parent], CategoryPath.CleanName(cells[name]), line.Number);
            if (row.Id.Length == 0) throw new UserFacingException($"{source}:{line.Number}: empty id.");
            if (row.Name.Length == 0) throw new UserFacingException($"{source}:{line.Number}: empty name for id '{row.Id}'.");
            if (row.Name.Contains('>')) throw new UserFacingException($"{source}:{line.Number}: name '{row.Name}' of id '{row.Id}' contains '>', the path separator.");
            if (!rows.TryAdd(row.Id, row))
                throw new UserFacingException($"{source}:{line.Number}: duplicate id '{row.Id}' (first on line {rows[row.Id].Line}).");
        }

        foreach (var row in rows.Values)
            if (row.ParentId is not null && !rows.ContainsKey(row.ParentId))
                throw new UserFacingException($"{source}:{row.Line}: orphan id '{row.Id}' ('{row.Name}'): its parent id '{row.ParentId}' is not in the file.");
        RejectCycles(rows, source);

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var idOfPath = new Dictionary<string, Row>(StringComparer.Ordinal);
        var builder = new TaxonomyBuilder();
        foreach (var row in rows.Values)
        {
            var names = NamesOf(row, rows);
            var path = CategoryPath.Join(names);
            if (idOfPath.TryGetValue(path, out var same))
                throw new UserFacingException($"{source}:{row.Line}: duplicate path '{path}' with id '{row.Id}' (id '{same.Id}' on line {same.Line}).");
            idOfPath.Add(path, row);
            builder.Add(names, row.Id);
        }
        return builder.Build(TaxonomyFormat.ParentId);
    }

    private static void RejectCycles(Dictionary<string, Row> rows, string source)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in rows.Keys)
        {
            var chain = new List<string>();
            var onChain = new HashSet<string>(StringComparer.Ordinal);
            for (var current = start; current is not null && !done.Contains(current); current = rows[current].ParentId)
            {
                if (!onChain.Add(current))
                {
                    var cycle = chain.Skip(chain.IndexOf(current)).Append(current).ToList();
                    throw new UserFacingException($"{source}:{rows[current].Line}: cycle of parent ids {string.Join(" → ", cycle)} (lines {string.Join(", ", cycle.Distinct().Select(c => rows[c].Line))}).");
                }
                chain.Add(current);
            }
            done.UnionWith(chain);
        }
    }

    private static List<string> NamesOf(Row row, Dictionary<string, Row> rows)
    {
        var names = new List<string>();
        for (Row? current = row; current is not null; current = current.ParentId is null ? null : rows[current.ParentId])
            names.Add(current.Name);
        names.Reverse();
        return names;
    }

    private static char Delimiter(string line) => line.Contains('\t') ? '\t' : ',';

    /// <summary>Splits one line into trimmed cells; "quoted, cells" may hold the delimiter and "" for a quote.</summary>
    private static List<string> Cells(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private sealed record Row(string Id, string? ParentId, string Name, int Line);
}

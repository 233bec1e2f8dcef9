using System.Text;

namespace ProductClassifier.Core.Data;

/// <summary>
/// Comma-separated values as RFC 4180 has them: a field with a comma, quote or line break is quoted, quotes doubled.
/// The one way the project writes CSV (grid exports, reject files, <c>./pc predict</c>).
/// </summary>
public static class Csv
{
    public static string Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(Field(row[i]));
            }
            text.Append("\r\n");
        }
        return text.ToString();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}

using System.Text;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// Splits one CSV/TSV record at the start of a byte span into fields. CSV follows RFC 4180: a field that starts
/// with a quote may hold delimiters, line breaks and doubled quotes; a quote elsewhere is an ordinary character.
/// TSV has no quoting. Lines end in LF or CRLF.
/// </summary>
internal sealed class DelimitedTokenizer(byte delimiter, bool quoted, int maxRecordBytes)
{
    public enum Result { Complete, NeedMore, Unterminated }

    private (int Start, int Length, bool Escaped)[] _fields = new (int, int, bool)[32];

    public int Count { get; private set; }

    /// <summary>Column holding text after its closing quote (<c>"abc"def</c>), or -1.</summary>
    public int MalformedColumn { get; private set; }

    /// <summary>Splits the record; on <see cref="Result.Complete"/>, <paramref name="length"/> includes the line break.</summary>
    public Result Tokenize(ReadOnlySpan<byte> s, bool atEnd, out int length)
    {
        (Count, MalformedColumn, length) = (0, -1, 0);
        var i = 0;
        while (true)
        {
            if (quoted && i < s.Length && s[i] == '"')
            {
                var result = ScanQuoted(s, i, atEnd, out var close, out var escaped);
                if (result != Result.Complete) return result;
                Add(i + 1, close - i - 1, escaped);
                i = close + 1;
                if (i < s.Length && s[i] == '\r')
                {
                    if (i + 1 == s.Length && !atEnd) return Result.NeedMore;
                    if (i + 1 == s.Length || s[i + 1] == '\n') i++;
                }
                if (i < s.Length && s[i] != delimiter && s[i] != '\n')
                {
                    MalformedColumn = Count - 1;
                    var skip = s[i..].IndexOfAny(delimiter, (byte)'\n');
                    if (skip < 0 && !atEnd) return Result.NeedMore;
                    i = skip < 0 ? s.Length : i + skip;
                }
            }
            else
            {
                var end = s[i..].IndexOfAny(delimiter, (byte)'\n');
                if (end < 0 && !atEnd) return Result.NeedMore;
                end = end < 0 ? s.Length : i + end;
                var fieldEnd = end > i && s[end - 1] == '\r' && (end == s.Length || s[end] == '\n') ? end - 1 : end;
                Add(i, fieldEnd - i, escaped: false);
                i = end;
            }
            if (i >= s.Length)
            {
                if (!atEnd) return Result.NeedMore;
                length = s.Length;
                return Result.Complete;
            }
            if (s[i] == '\n')
            {
                length = i + 1;
                return Result.Complete;
            }
            i++; // the delimiter
        }
    }

    /// <summary>The field's bytes, quotes removed (doubled quotes still doubled).</summary>
    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> record, int index) => record.Slice(_fields[index].Start, _fields[index].Length);

    public string Text(ReadOnlySpan<byte> record, int index)
    {
        var text = Encoding.UTF8.GetString(Raw(record, index));
        return _fields[index].Escaped ? text.Replace("\"\"", "\"") : text;
    }

    private Result ScanQuoted(ReadOnlySpan<byte> s, int open, bool atEnd, out int close, out bool escaped)
    {
        (close, escaped) = (-1, false);
        for (var j = open + 1; ;)
        {
            var q = s[j..].IndexOf((byte)'"');
            if (q < 0) return atEnd || s.Length > maxRecordBytes ? Result.Unterminated : Result.NeedMore;
            j += q;
            if (j + 1 == s.Length && !atEnd) return Result.NeedMore;
            if (j + 1 < s.Length && s[j + 1] == '"')
            {
                escaped = true;
                j += 2;
                continue;
            }
            close = j;
            return Result.Complete;
        }
    }

    private void Add(int start, int length, bool escaped)
    {
        if (Count == _fields.Length) Array.Resize(ref _fields, Count * 2);
        _fields[Count++] = (start, length, escaped);
    }
}

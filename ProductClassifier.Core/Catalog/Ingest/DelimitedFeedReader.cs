using System.Text.Unicode;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>CSV and TSV feeds: a header row names the columns the mapping refers to.</summary>
internal sealed class DelimitedFeedReader(FileStream file, FeedMapping mapping, char delimiter, bool quoted)
    : FeedReader(file, mapping)
{
    private readonly DelimitedTokenizer _tokenizer = new((byte)delimiter, quoted, MaxRecordBytes);
    private readonly ProductRowBuilder _builder = new(mapping.CategorySeparator);
    private readonly AttributeWriter _attributes = new();
    private DelimitedHeader? _header;

    protected override void ReadRecords(RecordBuffer buffer, List<FeedRow> rows)
    {
        while (buffer.Pending.Length > 0)
        {
            if (_header is not null && SkipOverlongLine(buffer, rows) || buffer.Pending.Length == 0) return;
            var pending = buffer.Pending.Span;
            var result = _tokenizer.Tokenize(pending, buffer.AtEnd, out var length);
            if (result == DelimitedTokenizer.Result.NeedMore) return;
            var line = buffer.Line;
            var firstLine = pending.IndexOf((byte)'\n') is var lf and >= 0 ? lf + 1 : pending.Length;
            if (result == DelimitedTokenizer.Result.Unterminated)
            {
                if (_header is null) throw new UserFacingException($"{FeedName}, line {line}: the header has a quote that never closes.");
                // Skip just the line the stray quote is on, so the rows after it still land.
                RecordsRead++;
                rows.Add(FeedRow.Rejected(line, _header.Label(_tokenizer.Count), "unparsable: a quoted field never closes", Excerpt(pending[..firstLine])));
                buffer.Consume(firstLine);
                continue;
            }
            var record = pending[..length];
            if (_tokenizer.Count == 1 && _tokenizer.Raw(record, 0).IsEmpty)
            {
                buffer.Consume(length); // blank line
                continue;
            }
            if (_header is null)
            {
                _header = DelimitedHeader.Read(_tokenizer, record, Mapping, $"{FeedName}, line {line}");
                buffer.Consume(length);
                continue;
            }
            RecordsRead++;
            if (_tokenizer.Count != _header.Count && firstLine < length)
            {
                // A stray quote swallowed the lines after it: a multi-line record of the wrong width is one bad line.
                rows.Add(FeedRow.Rejected(line, "(row)", $"unparsable: unbalanced quote (expected {_header.Count} fields, found {_tokenizer.Count} across several lines)", Excerpt(pending[..firstLine])));
                buffer.Consume(firstLine);
                continue;
            }
            rows.Add(Map(record, line));
            buffer.Consume(length);
        }
    }

    private FeedRow Map(ReadOnlySpan<byte> record, long line)
    {
        var header = _header!;
        if (TooLong(record, line) is { } tooLong) return tooLong;
        if (_tokenizer.Count != header.Count)
            return FeedRow.Rejected(line, "(row)", $"unparsable: expected {header.Count} fields, found {_tokenizer.Count}", Excerpt(record));
        if (_tokenizer.MalformedColumn >= 0)
            return FeedRow.Rejected(line, header.Label(_tokenizer.MalformedColumn), "unparsable: text after the closing quote", Excerpt(record));
        if (record.Contains((byte)0) || !Utf8.IsValid(record))
        {
            for (var i = 0; i < _tokenizer.Count; i++)
            {
                var raw = _tokenizer.Raw(record, i);
                if (raw.Contains((byte)0)) return FeedRow.Rejected(line, header.Label(i), $"bad encoding: NUL byte in column '{header.Names[i]}'", Excerpt(record));
                if (!Utf8.IsValid(raw)) return FeedRow.Rejected(line, header.Label(i), $"bad encoding: invalid UTF-8 bytes in column '{header.Names[i]}'", Excerpt(record));
            }
        }
        _builder.Reset();
        foreach (var (field, column) in header.Fields) _builder.Set(field, _tokenizer.Text(record, column));
        _attributes.Begin();
        foreach (var (key, column) in header.Attributes)
            if (!_tokenizer.Raw(record, column).IsEmpty) _attributes.Add(key, _tokenizer.Text(record, column));
        var product = _builder.Build(_attributes.End(), out var badField, out var reason);
        return Outcome(product, line, badField, reason, _builder.Id, record);
    }
}

using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// Streams a feed file as batches of mapped rows (or rejects), never holding more than a window of it.
/// Gzip is recognised by its magic bytes, the layout by the extension unless the mapping names one.
/// </summary>
internal abstract class FeedReader(FileStream file, FeedMapping mapping) : IDisposable
{
    /// <summary>
    /// The longest record read (1 MiB): a longer one is rejected, and a quoted field still open after this many bytes
    /// is taken as an unterminated quote. No product field needs more; past it a row is a broken export or an attack.
    /// </summary>
    protected const int MaxRecordBytes = 1 << 20;

    private bool _skippingLine;

    private readonly Dictionary<string, long> _firstLines = new(StringComparer.Ordinal);
    private readonly Stream _content = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;

    protected FeedMapping Mapping { get; } = mapping;
    protected string FeedName { get; } = file.Name;

    /// <summary>Bytes of the file as stored (compressed, when gzipped).</summary>
    public long BytesRead => file.Position;
    public long TotalBytes { get; } = file.Length;

    /// <summary>Records read so far, rejected ones included, blank lines not.</summary>
    public long RecordsRead { get; protected set; }

    public static FeedReader Open(string path, FeedMapping mapping)
    {
        if (!File.Exists(path)) throw new UserFacingException($"Feed file {path} does not exist.");
        var format = mapping.Format ?? FormatOf(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: false);
        return format switch
        {
            FeedFormat.Csv => new DelimitedFeedReader(file, mapping, mapping.Delimiter ?? ',', quoted: true),
            FeedFormat.Tsv => new DelimitedFeedReader(file, mapping, '\t', quoted: false),
            _ => new JsonLinesFeedReader(file, mapping),
        };
    }

    public static FeedFormat FormatOf(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".csv" => FeedFormat.Csv,
            ".tsv" or ".tab" => FeedFormat.Tsv,
            ".jsonl" or ".ndjson" => FeedFormat.JsonLines,
            _ => throw new UserFacingException(
                $"Cannot tell the format of {path} from its extension: name it .csv, .tsv, .jsonl or .ndjson (optionally .gz), or set \"format\" in the mapping."),
        };
    }

    public async IAsyncEnumerable<FeedBatch> ReadBatchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new RecordBuffer(_content);
        var first = true;
        while (await buffer.FillAsync(ct) || buffer.Pending.Length > 0)
        {
            if (first && buffer.Pending.Span.StartsWith("\uFEFF"u8)) buffer.Consume(3);
            first = false;
            var rows = new List<FeedRow>();
            ReadRecords(buffer, rows);
            if (rows.Count > 0) yield return new FeedBatch(rows, BytesRead, RecordsRead);
        }
    }

    /// <summary>Consumes every complete record pending (all of them once the buffer is at its end).</summary>
    protected abstract void ReadRecords(RecordBuffer buffer, List<FeedRow> rows);

    /// <summary>The row as built, or its reject; a repeated id is rejected in favour of its first row.</summary>
    protected FeedRow Outcome(StagedProduct? product, long line, string field, string reason, string? id, ReadOnlySpan<byte> record)
    {
        if (product is null) return FeedRow.Rejected(line, field, reason, Excerpt(record), id);
        if (_firstLines.TryAdd(product.ExternalId, line)) return new FeedRow(line, product, null);
        return FeedRow.Rejected(line, ProductRowBuilder.NameOf(ProductField.ExternalId),
            $"duplicate id '{product.ExternalId}' (first on line {_firstLines[product.ExternalId]}, which is kept)", Excerpt(record));
    }

    /// <summary>
    /// A line that passes <see cref="MaxRecordBytes"/> without ending is rejected as too long, and its bytes are dropped
    /// as they arrive up to its end, so one endless line cannot make the reader hold the whole file. Returns true while
    /// such a line is being skipped (the caller then waits for more bytes).
    /// </summary>
    protected bool SkipOverlongLine(RecordBuffer buffer, List<FeedRow> rows)
    {
        var pending = buffer.Pending.Span;
        var lf = pending.IndexOf((byte)'\n');
        if (!_skippingLine)
        {
            if (pending.Length <= MaxRecordBytes || lf >= 0) return false;
            RecordsRead++;
            rows.Add(FeedRow.Rejected(buffer.Line, "(row)", $"too long: the line passes {MaxRecordBytes:N0} bytes without ending", Excerpt(pending)));
            _skippingLine = true;
        }
        if (lf < 0)
        {
            buffer.Consume(pending.Length);
            return true;
        }
        buffer.Consume(lf + 1);
        _skippingLine = false;
        return false;
    }

    /// <summary>The reject of a complete record longer than <see cref="MaxRecordBytes"/>, or null.</summary>
    protected static FeedRow? TooLong(ReadOnlySpan<byte> record, long line) => record.Length > MaxRecordBytes
        ? FeedRow.Rejected(line, "(row)", $"too long: {record.Length:N0} bytes, at most {MaxRecordBytes:N0} per record", Excerpt(record))
        : null;

    /// <summary>The record's first characters for the reject file, line breaks shown as \n.</summary>
    protected static string Excerpt(ReadOnlySpan<byte> record)
    {
        var text = Encoding.UTF8.GetString(record[..Math.Min(record.Length, 400)]).TrimEnd('\r', '\n');
        if (text.Length > 200) text = text[..200] + "…";
        return text.Replace("\r", "").Replace("\n", "\\n");
    }

    public void Dispose() => _content.Dispose();

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return gzip;
    }
}

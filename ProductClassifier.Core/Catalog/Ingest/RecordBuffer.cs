namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// A growing window over a feed's bytes: readers look at <see cref="Pending"/>, consume whole records, and ask
/// for more when a record is cut off. Tracks the physical line number of the first pending byte.
/// </summary>
internal sealed class RecordBuffer(Stream content)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;

    /// <summary>The stream has no more bytes: what is pending is all there is.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>1-based physical line number where <see cref="Pending"/> starts.</summary>
    public long Line { get; private set; } = 1;

    public ReadOnlyMemory<byte> Pending => _buffer.AsMemory(_start, _end - _start);

    public void Consume(int count)
    {
        Line += _buffer.AsSpan(_start, count).Count((byte)'\n');
        _start += count;
    }

    /// <summary>Reads more bytes (growing the window when a record fills it); <see langword="false"/> at the end.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (AtEnd) return false;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = await content.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        AtEnd = read == 0;
        return !AtEnd;
    }
}

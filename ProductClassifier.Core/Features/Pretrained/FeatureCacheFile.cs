using System.Runtime.InteropServices;
using System.Text;

namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// One cached block on disk, append-only: a header (magic, model name, dimensions) then records of
/// (key, input fingerprint, present flag, float32 row), little-endian. A later record for a key supersedes earlier
/// ones; a torn record at the end (a crash mid-append) is cut off on the next append. The file is rewritten without
/// superseded records once they outnumber the live ones. One writer at a time (the write handle denies sharing).
/// </summary>
internal sealed class FeatureCacheFile
{
    private static readonly byte[] Magic = "PCFEAT01"u8.ToArray();
    private readonly Dictionary<string, Entry> entries = [];
    private float[] rows = [];
    private int rowCount;
    private int superseded;
    private long validLength;

    private FeatureCacheFile(string path, string model, int dimensions) =>
        (Path, Model, Dimensions) = (path, model, dimensions);

    public string Path { get; }
    public string Model { get; }
    public int Dimensions { get; }
    public int Count => entries.Count;

    /// <summary>Loads the file, or starts empty when it is absent or holds another model's rows.</summary>
    public static FeatureCacheFile Open(string path, string model, int dimensions)
    {
        var file = new FeatureCacheFile(path, model, dimensions);
        if (File.Exists(path)) file.Load();
        return file;
    }

    /// <summary>The row stored for <paramref name="key"/>, if its fingerprint matches (any fingerprint when null).</summary>
    public bool TryGet(string key, string? fingerprint, out ReadOnlySpan<float> row, out bool present)
    {
        var found = entries.TryGetValue(key, out var entry) && (fingerprint is null || entry.Fingerprint == fingerprint);
        row = found ? rows.AsSpan(entry.Row * Dimensions, Dimensions) : default;
        present = found && entry.Present;
        return found;
    }

    public void Append(IReadOnlyList<(string Key, string Fingerprint)> keys, FeatureBatch batch)
    {
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1 << 16);
        stream.SetLength(validLength);
        stream.Seek(0, SeekOrigin.End);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        if (validLength == 0) WriteHeader(writer);
        for (var i = 0; i < keys.Count; i++)
        {
            Add(keys[i].Key, keys[i].Fingerprint, batch.Present[i], batch.Row(i));
            WriteRecord(writer, keys[i].Key, entries[keys[i].Key]);
        }
        writer.Flush();
        validLength = stream.Position;
    }

    /// <summary>Rewrites the file with live records only, when superseded ones have come to outnumber them.</summary>
    public void CompactIfWasteful()
    {
        if (superseded <= Math.Max(1024, entries.Count)) return;
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            WriteHeader(writer);
            foreach (var (key, entry) in entries) WriteRecord(writer, key, entry);
            writer.Flush();
            validLength = stream.Position;
        }
        File.Move(temporary, Path, overwrite: true);
        superseded = 0;
    }

    private void Load()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadString() != Model
                || reader.ReadInt32() != Dimensions)
                return;
            validLength = stream.Position;
            rows = new float[(stream.Length / (Dimensions * sizeof(float) + 8) + 1) * Dimensions];
            var row = new float[Dimensions];
            while (stream.Position < stream.Length)
            {
                var (key, fingerprint, present) = (reader.ReadString(), reader.ReadString(), reader.ReadBoolean());
                stream.ReadExactly(MemoryMarshal.AsBytes(row.AsSpan()));
                Add(key, fingerprint, present, row);
                validLength = stream.Position;
            }
        }
        // A torn or garbled tail: keep the records before it; the next append overwrites it.
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
        {
        }
    }

    private void Add(string key, string fingerprint, bool present, ReadOnlySpan<float> row)
    {
        if (rows.Length < (rowCount + 1) * Dimensions) Array.Resize(ref rows, Math.Max(1024, 2 * rowCount + 1) * Dimensions);
        row.CopyTo(rows.AsSpan(rowCount * Dimensions, Dimensions));
        if (entries.ContainsKey(key)) superseded++;
        entries[key] = new Entry(rowCount++, fingerprint, present);
    }

    private void WriteHeader(BinaryWriter writer)
    {
        writer.Write(Magic);
        writer.Write(Model);
        writer.Write(Dimensions);
    }

    private void WriteRecord(BinaryWriter writer, string key, Entry entry)
    {
        writer.Write(key);
        writer.Write(entry.Fingerprint);
        writer.Write(entry.Present);
        writer.Write(MemoryMarshal.AsBytes(rows.AsSpan(entry.Row * Dimensions, Dimensions)));
    }

    private readonly record struct Entry(int Row, string Fingerprint, bool Present);
}

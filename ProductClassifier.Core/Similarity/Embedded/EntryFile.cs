using System.Text;

namespace ProductClassifier.Core.Similarity.Embedded;

/// <summary>The categories of every product in a graph file, beside it: what category filters match.</summary>
internal static class EntryFile
{
    private static readonly byte[] Magic = "PCSIMENT1"u8.ToArray();

    public static void Write(string path, IReadOnlyDictionary<long, int[]> categories)
    {
        using (var writer = new BinaryWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write((long)categories.Count);
            foreach (var (key, ids) in categories)
            {
                writer.Write(key);
                writer.Write(ids.Length);
                foreach (var id in ids) writer.Write(id);
            }
        }
    }

    public static Dictionary<long, int[]> Read(string path)
    {
        using var reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException($"{path} is not an entry file.");
        var count = reader.ReadInt64();
        var categories = new Dictionary<long, int[]>((int)count);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadInt64();
            var ids = new int[reader.ReadInt32()];
            for (var j = 0; j < ids.Length; j++) ids[j] = reader.ReadInt32();
            categories[key] = ids;
        }
        return categories;
    }
}

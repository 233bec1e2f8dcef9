using System.Text.Json;

namespace ProductClassifier.Core.Similarity.Embedded;

/// <summary>
/// <c>manifest.json</c> in a catalogue's index folder: which graph and entry files are the published index. Written
/// last, by an atomic rename, so a reader sees either the old index or the new one, never a mix.
/// </summary>
internal sealed record IndexManifest(long Version, string Graph, string Entries, long Watermark, long Count,
    string Model, int Dimensions, DateTime PublishedAt)
{
    public const string FileName = "manifest.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IndexManifest? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(path), Json);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}

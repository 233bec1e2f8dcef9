using System.IO.Compression;
using System.Text;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

/// <summary>A temporary folder of generated feed files, deleted with the test.</summary>
public sealed class FeedFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("productclassifier-feed-");

    public string Path(string name) => System.IO.Path.Combine(_folder.FullName, name);

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes raw bytes (gzipped when the name ends in .gz), so tests can plant invalid UTF-8.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path(name);
        using var file = File.Create(path);
        using Stream target = name.EndsWith(".gz") ? new GZipStream(file, CompressionLevel.Fastest) : file;
        target.Write(bytes);
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

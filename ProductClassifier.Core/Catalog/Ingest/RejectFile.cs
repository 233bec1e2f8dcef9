using System.Text;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// The CSV (line,field,reason,raw) of a feed's skipped rows, created at the first reject. By default it lies
/// beside the feed as <c>FEED.rejects.csv</c>, or under <c>.data/rejects/</c> when the feed's folder is read-only
/// (not writable, or without any write permission bit).
/// </summary>
internal sealed class RejectFile(string? requestedPath, string feedPath) : IDisposable
{
    private const int Kept = 10;
    private StreamWriter? _writer;
    private readonly List<FeedReject> _first = [];

    public string? Path { get; private set; }
    public int Count { get; private set; }
    public IReadOnlyList<FeedReject> First => _first;

    public void Write(FeedReject reject)
    {
        _writer ??= Open();
        _writer.Write(reject.Line);
        foreach (var value in (ReadOnlySpan<string>)[reject.Field, reject.Reason, reject.Raw])
        {
            _writer.Write(',');
            _writer.Write(Csv.Field(value));
        }
        _writer.Write('\n');
        if (++Count <= Kept) _first.Add(reject);
    }

    /// <summary>Flushes the file; with no rejects, removes a stale default file left by an earlier run.</summary>
    public void Complete()
    {
        _writer?.Flush();
        if (_writer is null && requestedPath is null)
            foreach (var stale in DefaultPaths().Where(File.Exists))
            {
                try { File.Delete(stale); }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException) { } // a read-only folder keeps it
            }
    }

    public void Dispose() => _writer?.Dispose();

    private StreamWriter Open()
    {
        foreach (var candidate in requestedPath is null ? DefaultPaths() : [requestedPath])
        {
            try
            {
                var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(candidate))!;
                Directory.CreateDirectory(directory);
                var writer = new StreamWriter(candidate, append: false, new UTF8Encoding(false));
                writer.Write("line,field,reason,raw\n");
                Path = System.IO.Path.GetFullPath(candidate);
                return writer;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException && requestedPath is null) { }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new UserFacingException($"Cannot write the reject file {candidate}: {e.Message}", e);
            }
        }
        throw new UserFacingException($"Cannot write a reject file beside {feedPath} nor under .data/rejects/: pass --rejects FILE.");
    }

    private string[] DefaultPaths()
    {
        var name = System.IO.Path.GetFileName(feedPath) + ".rejects.csv";
        var feedFolder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(feedPath))!;
        var fallback = ProjectRoot.DataFolder("rejects", name);
        return MarkedReadOnly(feedFolder) ? [fallback] : [System.IO.Path.Combine(feedFolder, name), fallback];
    }

    // Root may write anywhere; a folder without any write bit is still meant to be left alone (shared data sets).
    private static bool MarkedReadOnly(string folder) => !OperatingSystem.IsWindows() && Directory.Exists(folder)
        && (File.GetUnixFileMode(folder) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0;
}

using Microsoft.Extensions.Options;

namespace ProductClassifier.Core.Similarity.Embedded;

/// <summary>
/// The single writer of a catalogue's embedded index (<c>.data/similarity/&lt;catalogue&gt;/</c>): holds
/// <c>writer.lock</c> while open, changes the graph in memory, and publishes a new versioned graph and entry file
/// plus <c>manifest.json</c> by atomic renames. Searches on the writer see its unpublished changes.
/// </summary>
public sealed class EmbeddedSimilarityWriter : ISimilarityIndexWriter
{
    private readonly SimilarityOptions _options;
    private readonly string _folder;
    private readonly FileStream _lock;
    private readonly ReaderWriterLockSlim _gate = new();
    private GraphSnapshot _snapshot;
    private long _version;
    private long _watermark;

    public EmbeddedSimilarityWriter(string folder, IOptions<SimilarityOptions> options)
    {
        (_folder, _options) = (folder, options.Value);
        Directory.CreateDirectory(folder);
        try
        {
            _lock = new FileStream(Path.Combine(folder, "writer.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new UserFacingException($"Another process is writing the similarity index in {folder}; try again when it has finished.");
        }
        var manifest = IndexManifest.Read(folder);
        _snapshot = manifest is null ? Empty() : new GraphSnapshot(
            HnswGraph.Open(Path.Combine(folder, manifest.Graph), _options.EmbeddingDimensions, _options.ExpansionSearch, view: false),
            EntryFile.Read(Path.Combine(folder, manifest.Entries)), _options.ExactCategoryLimit);
        (_version, _watermark) = (manifest?.Version ?? 0, manifest?.Watermark ?? 0);
    }

    public string Description => $"embedded HNSW (USearch, connectivity {_options.Connectivity}, expansion {_options.ExpansionSearch})";

    /// <summary>Bytes the graph occupies in memory.</summary>
    public long MemoryBytes => _snapshot.Graph.MemoryBytes;

    public Task<long> CountAsync(CancellationToken ct = default) => Task.FromResult(_snapshot.Graph.Count);

    public Task<long> WatermarkAsync(CancellationToken ct = default) => Task.FromResult(_watermark);

    public Task<IReadOnlyList<SimilarProduct>> SearchAsync(SimilarityQuery query, CancellationToken ct = default)
    {
        _gate.EnterReadLock();
        try { return Task.FromResult(_snapshot.Search(query)); }
        finally { _gate.ExitReadLock(); }
    }

    public Task ClearAsync(CancellationToken ct = default)
    {
        Write(() =>
        {
            _snapshot.Release();
            _snapshot = Empty();
            _watermark = 0;
        });
        return Task.CompletedTask;
    }

    public Task UpsertAsync(IReadOnlyList<SimilarityEntry> entries, CancellationToken ct = default)
    {
        Write(() =>
        {
            var graph = _snapshot.Graph;
            foreach (var entry in entries) graph.Remove(entry.ProductId);
            var threads = _options.BuildThreads > 0 ? _options.BuildThreads : Environment.ProcessorCount;
            var needed = graph.Count + entries.Count;
            if (graph.Capacity < needed) graph.Reserve(Math.Max(needed, graph.Capacity * 3 / 2), threads);
            Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = ct },
                i => graph.Add(entries[i].ProductId, entries[i].Vector));
            foreach (var entry in entries) _snapshot.Categories[entry.ProductId] = entry.Categories;
            _snapshot.CategoriesChanged();
        });
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IReadOnlyCollection<long> productIds, CancellationToken ct = default)
    {
        Write(() =>
        {
            foreach (var id in productIds)
            {
                _snapshot.Graph.Remove(id);
                _snapshot.Categories.Remove(id);
            }
            _snapshot.CategoriesChanged();
        });
        return Task.CompletedTask;
    }

    public Task PublishAsync(long watermark, CancellationToken ct = default)
    {
        var version = _version + 1;
        var (graphFile, entriesFile) = ($"graph.{version}.usearch", $"entries.{version}.bin");
        _gate.EnterReadLock();
        try
        {
            SaveAtomically(graphFile, _snapshot.Graph.Save);
            SaveAtomically(entriesFile, path => EntryFile.Write(path, _snapshot.Categories));
            new IndexManifest(version, graphFile, entriesFile, watermark, _snapshot.Graph.Count, _options.EmbeddingModel,
                _options.EmbeddingDimensions, DateTime.UtcNow).Write(_folder);
        }
        finally { _gate.ExitReadLock(); }
        (_version, _watermark) = (version, watermark);
        DeleteOlderThan(version - 1);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _snapshot.Release();
        _lock.Dispose();
        _gate.Dispose();
    }

    private GraphSnapshot Empty() => new(
        HnswGraph.Create(_options.EmbeddingDimensions, _options.Connectivity, _options.ExpansionAdd, _options.ExpansionSearch, _options.Quantization), [],
        _options.ExactCategoryLimit);

    private void Write(Action change)
    {
        _gate.EnterWriteLock();
        try { change(); }
        finally { _gate.ExitWriteLock(); }
    }

    private void SaveAtomically(string name, Action<string> save)
    {
        var path = Path.Combine(_folder, name);
        save(path + ".tmp");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    // The previous version stays for readers that read the old manifest a moment ago and are opening its files now.
    private void DeleteOlderThan(long keep)
    {
        foreach (var file in Directory.EnumerateFiles(_folder).Where(f => Path.GetFileName(f).StartsWith("graph.") || Path.GetFileName(f).StartsWith("entries.")))
            if (long.TryParse(Path.GetFileName(file).Split('.')[1], out var v) && v < keep) File.Delete(file);
    }
}

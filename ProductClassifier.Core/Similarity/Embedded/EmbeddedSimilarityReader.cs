using Microsoft.Extensions.Options;

namespace ProductClassifier.Core.Similarity.Embedded;

/// <summary>
/// Searches the published embedded index of a catalogue, memory-mapped read-only, and swaps in a newer one when the
/// writer publishes it (checked at most every <see cref="SimilarityOptions.ReloadCheckInterval"/>). Searches in flight
/// finish on the graph they started with. An index never published searches as empty.
/// </summary>
public sealed class EmbeddedSimilarityReader(string folder, IOptions<SimilarityOptions> options) : ISimilarityIndex
{
    private readonly SimilarityOptions _options = options.Value;
    private readonly Lock _reload = new();
    private GraphSnapshot? _snapshot;
    private long _version = -1;
    private DateTime _checkedAt = DateTime.MinValue;

    public string Description => $"embedded HNSW (USearch, expansion {_options.ExpansionSearch})";

    /// <summary>The published version being searched (0: none yet).</summary>
    public long Version
    {
        get
        {
            Refresh();
            return Math.Max(0, _version);
        }
    }

    public Task<long> CountAsync(CancellationToken ct = default) => Task.FromResult(Use(s => s.Graph.Count, 0L));

    public Task<IReadOnlyList<SimilarProduct>> SearchAsync(SimilarityQuery query, CancellationToken ct = default) =>
        Task.FromResult(Use(s => s.Search(query), []));

    public void Dispose()
    {
        lock (_reload) Interlocked.Exchange(ref _snapshot, null)?.Release();
    }

    private T Use<T>(Func<GraphSnapshot, T> use, T empty)
    {
        Refresh();
        while (true)
        {
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is null) return empty;
            if (!snapshot.TryAcquire()) continue; // swapped and freed meanwhile: take the new one
            try { return use(snapshot); }
            finally { snapshot.Release(); }
        }
    }

    private void Refresh()
    {
        if (DateTime.UtcNow - _checkedAt < _options.ReloadCheckInterval) return;
        lock (_reload)
        {
            if (DateTime.UtcNow - _checkedAt < _options.ReloadCheckInterval) return;
            var manifest = IndexManifest.Read(folder);
            if (manifest is not null && manifest.Version != _version)
            {
                try
                {
                    var graph = HnswGraph.Open(Path.Combine(folder, manifest.Graph), _options.EmbeddingDimensions, _options.ExpansionSearch, view: true);
                    var fresh = new GraphSnapshot(graph, EntryFile.Read(Path.Combine(folder, manifest.Entries)), _options.ExactCategoryLimit);
                    Interlocked.Exchange(ref _snapshot, fresh)?.Release();
                    _version = manifest.Version;
                }
                // The writer published twice while this read the manifest, and removed its files: keep the graph in
                // use and look again on the next search.
                catch (Exception e) when (e is IOException or Cloud.Unum.USearch.USearchException)
                {
                    return;
                }
            }
            _checkedAt = DateTime.UtcNow;
        }
    }
}

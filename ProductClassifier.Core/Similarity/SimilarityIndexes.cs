using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Similarity.Elasticsearch;
using ProductClassifier.Core.Similarity.Embedded;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Opens catalogues' similarity indexes of the configured <see cref="SimilarityOptions.Kind"/>. Readers are shared
/// (one per catalogue, for the life of this object: register it as a singleton); a writer is opened per use and
/// disposed by its user.
/// </summary>
public sealed class SimilarityIndexes(IOptions<SimilarityOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ISimilarityIndex>> _readers = new();

    public SimilarityOptions Options => options.Value;

    /// <summary>The index that answers searches for <paramref name="catalogue"/> (a catalogue's name).</summary>
    public ISimilarityIndex Reader(string catalogue) =>
        _readers.GetOrAdd(catalogue, name => new Lazy<ISimilarityIndex>(() => Options.Kind switch
        {
            SimilarityIndexKind.Elasticsearch => ElasticsearchSimilarityIndex.Create(name, options),
            _ => new EmbeddedSimilarityReader(Options.FolderFor(name), options),
        })).Value;

    /// <summary>The catalogue's index for writing; the embedded kind admits one writer per catalogue across processes.</summary>
    public ISimilarityIndexWriter OpenWriter(string catalogue) => Options.Kind switch
    {
        SimilarityIndexKind.Elasticsearch => ElasticsearchSimilarityIndex.Create(catalogue, options),
        _ => new EmbeddedSimilarityWriter(Options.FolderFor(catalogue), options),
    };

    /// <summary>
    /// Removes the catalogue's index (the embedded folder, or the Elasticsearch index and its watermark) when the
    /// catalogue is deleted or replaced, so no search serves its products again.
    /// </summary>
    public async Task DeleteAsync(string catalogue, CancellationToken ct = default)
    {
        if (_readers.TryRemove(catalogue, out var reader) && reader.IsValueCreated) reader.Value.Dispose();
        if (Options.Kind == SimilarityIndexKind.Elasticsearch)
        {
            await ElasticsearchSimilarityIndex.Create(catalogue, options).DeleteAsync(ct);
            return;
        }
        var folder = Options.FolderFor(catalogue);
        if (!Directory.Exists(folder)) return;
        // Holding the writer's lock, so no sync is half-way through writing it.
        using (new EmbeddedSimilarityWriter(folder, options)) { }
        Directory.Delete(folder, recursive: true);
    }

    public void Dispose()
    {
        foreach (var reader in _readers.Values.Where(r => r.IsValueCreated)) reader.Value.Dispose();
    }
}

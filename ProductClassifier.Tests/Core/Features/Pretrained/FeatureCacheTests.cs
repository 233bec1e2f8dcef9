using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using SkiaSharp;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

[Collection(ImageFeaturizerCollection.Name)]
public sealed class FeatureCacheTests(ImageFeaturizerFixture fixture) : IDisposable
{
    private readonly TestImages images = new();
    private string CacheFolder => Path.Combine(images.Folder, "cache");

    [Fact]
    public async Task Second_run_reads_every_row_from_the_cache()
    {
        var products = new[]
        {
            TestImages.Product("a", images.Png("a.png", SKColors.Red)),
            TestImages.Product("b", images.Png("b.png", SKColors.Blue)),
            TestImages.Product("c", Path.Combine(images.Folder, "missing.jpg")),
        };
        var counting = new CountingFeaturizer(fixture.Featurizer);

        var first = await new FeatureCache(CacheFolder).GetOrComputeAsync(counting, products, null, CancellationToken.None);
        var second = await new FeatureCache(CacheFolder).GetOrComputeAsync(counting, products, null, CancellationToken.None);

        Assert.Equal(3, counting.Computed);
        Assert.Equal((3, 0, 3), (first.Computed, second.Computed, second.FromCache));
        Assert.Equal(first.Rows.Values, second.Rows.Values);
        Assert.Equal([1f, 1f, 0f], second.Present.Values);
        var set = new FeatureSet(3);
        second.AddTo(set);
        Assert.Same(second.Present, set.Dense[FeatureSet.ImagePresent]);
    }

    [Fact]
    public async Task Changed_image_file_is_recomputed_and_the_others_are_not()
    {
        var changing = images.Png("changing.png", SKColors.Red);
        var products = new[] { TestImages.Product("a", images.Png("a.png", SKColors.Green)), TestImages.Product("b", changing) };
        var counting = new CountingFeaturizer(fixture.Featurizer);
        var cache = new FeatureCache(CacheFolder);
        var before = await cache.GetOrComputeAsync(counting, products, null, CancellationToken.None);

        images.Png("changing.png", SKColors.Purple, 90, 40, stripes: 7);
        File.SetLastWriteTimeUtc(changing, DateTime.UtcNow.AddMinutes(1));
        var after = await cache.GetOrComputeAsync(counting, products, null, CancellationToken.None);

        Assert.Equal(1, after.Computed);
        Assert.Equal(3, counting.Computed);
        Assert.Equal(before.Rows.Row(0).ToArray(), after.Rows.Row(0).ToArray());
        Assert.NotEqual(before.Rows.Row(1).ToArray(), after.Rows.Row(1).ToArray());
    }

    [Fact]
    public async Task Another_model_name_does_not_reuse_rows()
    {
        var products = new[] { TestImages.Product("a", title: "red shoe") };
        var cache = new FeatureCache(CacheFolder);
        await cache.GetOrComputeAsync(new TitleFeaturizer("v1"), products, null, CancellationToken.None);

        var other = await cache.GetOrComputeAsync(new TitleFeaturizer("v2"), products, null, CancellationToken.None);
        var again = await cache.GetOrComputeAsync(new TitleFeaturizer("v1"), products, null, CancellationToken.None);

        Assert.Equal((1, 0), (other.Computed, again.Computed));
    }

    [Fact]
    public async Task Torn_record_at_the_end_is_recomputed_and_earlier_rows_survive()
    {
        var products = Enumerable.Range(0, 10).Select(i => TestImages.Product($"p{i}", title: $"product {i}")).ToArray();
        var featurizer = new TitleFeaturizer();
        var cache = new FeatureCache(CacheFolder, chunkSize: 4);
        var first = await cache.GetOrComputeAsync(featurizer, products, null, CancellationToken.None);
        var path = cache.PathFor(featurizer);
        using (var stream = File.OpenWrite(path)) stream.SetLength(stream.Length - 5);

        var counting = new CountingFeaturizer(featurizer);
        var second = await cache.GetOrComputeAsync(counting, products, null, CancellationToken.None);
        var third = await cache.GetOrComputeAsync(counting, products, null, CancellationToken.None);

        Assert.Equal((1, 0), (second.Computed, third.Computed));
        Assert.Equal(first.Rows.Values, third.Rows.Values);
    }

    [Fact]
    public async Task Progress_ends_with_every_product_completed()
    {
        var products = Enumerable.Range(0, 5).Select(i => TestImages.Product($"p{i}", title: $"t{i}")).ToArray();
        var reports = new List<FeaturizeProgress>();

        await new FeatureCache(CacheFolder, chunkSize: 2).GetOrComputeAsync(
            new TitleFeaturizer(), products, new SynchronousProgress(reports.Add), CancellationToken.None);

        Assert.Equal(new FeaturizeProgress("title", 5, 5, 0), reports[^1]);
        Assert.Equal(reports.Select(r => r.Completed).Order(), reports.Select(r => r.Completed));
    }

    private sealed class SynchronousProgress(Action<FeaturizeProgress> report) : IProgress<FeaturizeProgress>
    {
        public void Report(FeaturizeProgress value) => report(value);
    }

    public void Dispose() => images.Dispose();
}

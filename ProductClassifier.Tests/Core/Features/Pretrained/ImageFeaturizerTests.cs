using ProductClassifier.Core.Features.Pretrained;
using SkiaSharp;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

[Collection(ImageFeaturizerCollection.Name)]
public sealed class ImageFeaturizerTests(ImageFeaturizerFixture fixture) : IDisposable
{
    private readonly TestImages images = new();
    private ImageFeaturizer Featurizer => fixture.Featurizer;

    [Fact]
    public async Task Image_gives_512_features_of_unit_length()
    {
        var batch = await Featurizer.FeaturizeFilesAsync([images.Png("red.png", SKColors.Red)], null, CancellationToken.None);

        Assert.Equal(ImageFeaturizer.Dimensions, batch.Dimensions);
        Assert.True(batch.Present[0]);
        Assert.Equal(1.0, Math.Sqrt(batch.Row(0).ToArray().Sum(v => (double)v * v)), 4);
        Assert.Equal("CPU", Featurizer.ExecutionProvider);
    }

    [Fact]
    public async Task Identical_images_give_identical_features_and_different_images_differ()
    {
        var red = images.Png("red.png", SKColors.Red);
        var copy = images.WriteFile("copy.png", File.ReadAllBytes(red));
        var blue = images.Png("blue.png", SKColors.Blue, 120, 60, stripes: 9);

        var batch = await Featurizer.FeaturizeFilesAsync([red, copy, blue, red], null, CancellationToken.None);

        Assert.Equal(batch.Row(0).ToArray(), batch.Row(1).ToArray());
        Assert.Equal(batch.Row(0).ToArray(), batch.Row(3).ToArray());
        Assert.NotEqual(batch.Row(0).ToArray(), batch.Row(2).ToArray());
    }

    [Fact]
    public async Task Unusable_images_give_zero_rows_marked_absent_without_failing()
    {
        var good = images.Png("good.png", SKColors.Green);
        var pngBytes = File.ReadAllBytes(good);
        string?[] paths =
        [
            images.WriteFile("garbage.jpg", Enumerable.Range(0, 500).Select(i => (byte)(i * 37)).ToArray()),
            images.WriteFile("truncated.png", pngBytes[..(pngBytes.Length / 2)]),
            images.WriteFile("empty.jpg", []),
            images.WriteFile("huge.png", TestImages.PngHeaderClaiming(100_000, 100_000)),
            images.WriteFile("fifty-megapixels.png", TestImages.PngHeaderClaiming(7_072, 7_072)),
            Path.Combine(images.Folder, "missing.jpg"),
            null,
            good,
        ];

        var batch = await Featurizer.FeaturizeFilesAsync(paths, null, CancellationToken.None);

        for (var i = 0; i < paths.Length - 1; i++)
        {
            Assert.False(batch.Present[i], paths[i]);
            Assert.All(batch.Row(i).ToArray(), v => Assert.Equal(0f, v));
        }
        Assert.True(batch.Present[^1]);
    }

    [Fact]
    public async Task Uploaded_bytes_give_the_same_features_as_the_file_and_garbage_gives_null()
    {
        var path = images.Png("upload.png", SKColors.Orange);

        var fromFile = await Featurizer.FeaturizeFilesAsync([path], null, CancellationToken.None);
        var fromBytes = await Featurizer.FeaturizeAsync(File.ReadAllBytes(path), CancellationToken.None);

        Assert.Equal(fromFile.Row(0).ToArray(), fromBytes);
        Assert.Null(await Featurizer.FeaturizeAsync("not an image"u8.ToArray(), CancellationToken.None));
    }

    [Fact]
    public async Task Missing_model_folder_is_an_error_that_names_the_file()
    {
        using var featurizer = new ImageFeaturizer(new ImageFeaturizerOptions { ModelDirectory = images.Folder });

        var e = await Assert.ThrowsAsync<FileNotFoundException>(
            () => featurizer.FeaturizeFilesAsync([images.Png("a.png", SKColors.Red)], null, CancellationToken.None));

        Assert.Contains(Path.Combine(images.Folder, "ResNetPrepOnnx", "ResNetPreprocess.onnx"), e.Message);
    }

    public void Dispose() => images.Dispose();
}

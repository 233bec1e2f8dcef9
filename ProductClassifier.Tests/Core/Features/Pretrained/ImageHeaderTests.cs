using ProductClassifier.Core.Features.Pretrained;
using SkiaSharp;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

public sealed class ImageHeaderTests : IDisposable
{
    private readonly TestImages images = new();

    public void Dispose() => images.Dispose();

    [Fact]
    public void Reads_format_and_size_from_the_header()
    {
        var header = ImageHeader.Read(File.ReadAllBytes(images.Png("a.png", SKColors.Blue, width: 64, height: 80)));

        Assert.Equal(new ImageHeader("png", 64, 80), header);
        Assert.True(header!.IsDecodable);
    }

    [Fact]
    public void A_50_megapixel_image_is_measured_from_its_header_and_refused_before_decoding()
    {
        // 7,072 × 7,072 in a 100-byte file: decoding it would take 200 MB of pixels.
        var bomb = TestImages.PngHeaderClaiming(7_072, 7_072);

        var header = ImageHeader.Read(bomb);

        Assert.True(bomb.Length < 200);
        Assert.Equal(50_013_184, header!.Pixels);
        Assert.False(header.IsDecodable);
        Assert.Contains("50.0 megapixels", header.ToString());
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("")]
    public void Svg_html_and_nothing_are_no_image(string text) =>
        Assert.Null(ImageHeader.Read(System.Text.Encoding.UTF8.GetBytes(text)));
}

using SkiaSharp;

namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// Turns an encoded image (JPEG, PNG, WebP, GIF, BMP) into the three 224×224 planes of raw 0–255 values, in BGR order,
/// that ResNetPreprocess.onnx expects. The image is scaled to fit and padded to a square on white, so a tall dress
/// keeps its shape; stretching scored about the same on neighbour quality.
/// </summary>
internal static class ImageDecoder
{
    public const int Side = 224;
    public const int PlaneSize = Side * Side;
    public const int TensorSize = 3 * PlaneSize;

    public const long MaxFileBytes = ImageHeader.MaxFileBytes;

    private static readonly SKImageInfo Target = new(Side, Side, SKColorType.Rgba8888, SKAlphaType.Premul);
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>Fills <paramref name="chw"/> (3×224×224) and returns true, or returns false for unusable bytes.</summary>
    public static bool TryDecode(byte[] encoded, Span<float> chw)
    {
        if (encoded.Length == 0 || encoded.Length > MaxFileBytes) return false;
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null) return false;
        // The header alone, before a pixel is decoded: past these limits a file is a bomb or a broken header.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (!new ImageHeader("", width, height).IsDecodable) return false;

        // JPEG and WebP can decode straight to a smaller size: no need to hold a 24-megapixel bitmap for a thumbnail.
        var size = codec.GetScaledDimensions(Math.Min(1f, 2f * Side / Math.Max(width, height)));
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        // A truncated file decodes partly (IncompleteInput) with the rest undefined: treat it as corrupt.
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success) return false;

        using var square = new SKBitmap(Target);
        using (var canvas = new SKCanvas(square))
        using (var image = SKImage.FromBitmap(decoded))
        {
            canvas.Clear(SKColors.White);
            var scale = (float)Side / Math.Max(size.Width, size.Height);
            var (w, h) = (size.Width * scale, size.Height * scale);
            canvas.DrawImage(image, SKRect.Create((Side - w) / 2, (Side - h) / 2, w, h), Sampling);
        }

        // Opaque on white, so premultiplied bytes are the plain colour values.
        var pixels = square.GetPixelSpan();
        for (var i = 0; i < PlaneSize; i++)
        {
            chw[i] = pixels[4 * i + 2];
            chw[PlaneSize + i] = pixels[4 * i + 1];
            chw[2 * PlaneSize + i] = pixels[4 * i];
        }
        return true;
    }
}

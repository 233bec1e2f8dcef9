using SkiaSharp;

namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// What an encoded image's header says — format and size — read without decoding its pixels, so an image too large to
/// decode safely (a 50-megapixel photo, a decompression bomb) is refused before it costs memory.
/// </summary>
/// <param name="Format">jpeg, png, webp, gif, bmp …, as SkiaSharp names the format in lower case.</param>
public sealed record ImageHeader(string Format, int Width, int Height)
{
    /// <summary>Largest image decoded (40 megapixels: 8K × 5K); past it a file is a bomb or a broken header, not a product photo.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>Longest side decoded.</summary>
    public const int MaxSide = 20_000;

    /// <summary>Largest file decoded.</summary>
    public const long MaxFileBytes = 64L << 20;

    public long Pixels => (long)Width * Height;

    /// <summary>Whether the decoder takes an image of this size (at most <see cref="MaxPixels"/> and <see cref="MaxSide"/>).</summary>
    public bool IsDecodable => Width > 0 && Height > 0 && Width <= MaxSide && Height <= MaxSide && Pixels <= MaxPixels;

    /// <summary>The header of <paramref name="encoded"/>, or null when it is no image SkiaSharp knows (SVG, HTML, garbage).</summary>
    public static ImageHeader? Read(byte[] encoded)
    {
        if (encoded.Length == 0) return null;
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        return codec is null ? null : new ImageHeader(codec.EncodedFormat.ToString().ToLowerInvariant(), codec.Info.Width, codec.Info.Height);
    }

    /// <summary>"7,072 × 7,072 (50.0 megapixels)".</summary>
    public override string ToString() => $"{Width:N0} × {Height:N0} ({Pixels / 1e6:0.0} megapixels)";
}

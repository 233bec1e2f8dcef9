namespace ProductClassifier.Web.Catalog;

/// <summary>
/// The raster image formats the app serves, recognised by their first bytes rather than by the file's extension: a
/// feed's "image" that is SVG or HTML (which can carry script) is none of them, whatever it is called.
/// </summary>
public static class RasterFormat
{
    /// <summary>Bytes enough to tell every format here apart.</summary>
    public const int HeaderLength = 12;

    /// <summary>The content type of the image whose file starts with <paramref name="head"/>, or null when it is no raster format served.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        [(byte)'B', (byte)'M', ..] => "image/bmp",
        _ => null,
    };
}

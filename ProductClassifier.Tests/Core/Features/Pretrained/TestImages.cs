using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using ProductClassifier.Core.Features;
using SkiaSharp;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

/// <summary>Small generated images and products in a temporary folder, removed on dispose.</summary>
public sealed class TestImages : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("pc-images-").FullName;

    /// <summary>A PNG with a coloured disc and stripes, so the network sees shapes, not a flat field.</summary>
    public string Png(string name, SKColor color, int width = 64, int height = 80, int stripes = 4)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = color, IsAntialias = true };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
            for (var s = 0; s < stripes; s++) canvas.DrawRect(0, s * height / (float)stripes, width, 2, paint);
        }
        var path = Path.Combine(Folder, name);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    public string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static ProductRecord Product(string key, string? imagePath = null, string? title = null) =>
        new(0, key, title, null, null, null, imagePath, new Dictionary<string, JsonElement>(), []);

    /// <summary>A well-formed PNG signature and header chunk for an enormous image, with one tiny data chunk.</summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (8, 2);
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(new byte[64]);
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

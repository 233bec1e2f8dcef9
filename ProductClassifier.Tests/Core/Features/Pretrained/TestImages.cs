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

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

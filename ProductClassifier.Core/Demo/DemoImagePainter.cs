using SkiaSharp;

namespace ProductClassifier.Core.Demo;

/// <summary>
/// A product "photo": the leaf's shape in the leaf's colour on a tint of its department, with jitter in
/// position, size, rotation and colour, so that images carry the category without giving it away exactly.
/// </summary>
internal static class DemoImagePainter
{
    public const int Size = 96;
    private const int ShapeCount = 10;

    public static byte[] Paint(Random rng, DemoLeaf leaf)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        // A few merchants upload a placeholder instead of a photo.
        if (rng.NextDouble() < 0.03) PaintPlaceholder(canvas);
        else PaintProduct(rng, canvas, leaf);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void PaintProduct(Random rng, SKCanvas canvas, DemoLeaf leaf)
    {
        var department = Array.IndexOf(DemoTaxonomy.Tops, leaf.Top);
        canvas.Clear(SKColor.FromHsv(department * 60f, 8 + Jitter(rng, 4), 96 + Jitter(rng, 3)));
        var hue = (leaf.Index * 137.508f + Jitter(rng, 12) + 360f) % 360f;
        using var fill = new SKPaint
        {
            IsAntialias = true,
            Color = SKColor.FromHsv(hue, 65 + Jitter(rng, 15), 75 + Jitter(rng, 15)),
            Style = SKPaintStyle.Fill,
        };
        canvas.Translate(Size / 2f + Jitter(rng, 10), Size / 2f + Jitter(rng, 10));
        canvas.RotateDegrees(Jitter(rng, 25));
        var r = 22 + Jitter(rng, 6);
        using var builder = new SKPathBuilder();
        AddShape(builder, leaf.Index % ShapeCount, r);
        using var path = builder.Detach();
        canvas.DrawPath(path, fill);
    }

    private static void AddShape(SKPathBuilder path, int shape, float r)
    {
        switch (shape)
        {
            case 0: path.AddCircle(0, 0, r); break;
            case 1: path.AddRect(new SKRect(-r, -r, r, r)); break;
            case 2: path.AddPoly(Polygon(3, r)); break;
            case 3: path.AddPoly(Polygon(4, r)); break;
            case 4: path.AddPoly(Star(5, r, r * 0.45f)); break;
            case 5:
                path.AddCircle(0, 0, r);
                path.AddCircle(0, 0, r * 0.55f, SKPathDirection.CounterClockwise);
                break;
            case 6:
                path.AddRect(new SKRect(-r, -r / 3, r, r / 3));
                path.AddRect(new SKRect(-r / 3, -r, r / 3, r));
                path.FillType = SKPathFillType.Winding;
                break;
            case 7: path.AddPoly(Polygon(6, r)); break;
            case 8: path.AddRoundRect(new SKRect(-r, -r / 2.5f, r, r / 2.5f), 6, 6); break;
            default: path.AddOval(new SKRect(-r * 0.6f, -r, r * 0.6f, r)); break;
        }
    }

    private static SKPoint[] Polygon(int corners, float r) =>
        Enumerable.Range(0, corners).Select(i => Corner(i * 2 * MathF.PI / corners, r)).ToArray();

    private static SKPoint[] Star(int points, float outer, float inner) =>
        Enumerable.Range(0, points * 2).Select(i => Corner(i * MathF.PI / points, i % 2 == 0 ? outer : inner)).ToArray();

    private static SKPoint Corner(float angle, float r) => new(r * MathF.Sin(angle), -r * MathF.Cos(angle));

    private static void PaintPlaceholder(SKCanvas canvas)
    {
        canvas.Clear(new SKColor(0xE0, 0xE0, 0xE0));
        using var stroke = new SKPaint { IsAntialias = true, Color = new SKColor(0xA0, 0xA0, 0xA0), StrokeWidth = 3, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(20, 20, Size - 20, Size - 20, stroke);
        canvas.DrawLine(Size - 20, 20, 20, Size - 20, stroke);
    }

    private static float Jitter(Random rng, float amplitude) => (float)((rng.NextDouble() * 2 - 1) * amplitude);
}

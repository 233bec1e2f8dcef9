using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Catalog;

/// <summary>
/// <c>GET /images/{productId}</c>: a product's image from the image store. Only raster images are served, typed by
/// their content (<see cref="RasterFormat"/>), with <c>nosniff</c> and a sandboxing Content-Security-Policy: a feed's
/// file cannot run script from the app's origin, even opened on its own in a tab.
/// </summary>
internal static class ImageEndpoints
{
    /// <summary>No script, no plugin, no request from the document, a unique origin: an image needs none of it.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/images/{productId:long}", GetImageAsync).RequireAuthorization();
        return app;
    }

    internal static async Task<Results<PhysicalFileHttpResult, RedirectHttpResult, NotFound, ProblemHttpResult>> GetImageAsync(
        long productId, IDbContextFactory<ClassifierDb> dbs, ImageStore store, HttpResponse response, CancellationToken ct)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var image = await db.Products.Where(p => p.Id == productId)
            .Join(db.Catalogues, p => p.CatalogueId, c => c.Id, (p, c) => new { c.Name, p.ImageRef })
            .SingleOrDefaultAsync(ct);
        if (image?.ImageRef is not { Length: > 0 } imageRef) return TypedResults.NotFound();
        // Feeds that carry image URLs rather than files: the browser fetches them from the shop, in the shop's origin.
        if (Uri.TryCreate(imageRef, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return TypedResults.Redirect(uri.ToString());

        var path = store.PathOf(image.Name, imageRef);
        if (path is null || !File.Exists(path)) return TypedResults.NotFound();
        if (await ContentTypeAsync(path, ct) is not { } contentType)
            return TypedResults.Problem($"Product {productId}'s image file is not a JPEG, PNG, GIF, WebP or BMP image, so it is not served.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a raster image");
        return TypedResults.PhysicalFile(path, contentType, lastModified: File.GetLastWriteTimeUtc(path));
    }

    private static async Task<string?> ContentTypeAsync(string path, CancellationToken ct)
    {
        var head = new byte[RasterFormat.HeaderLength];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return RasterFormat.ContentTypeOf(head.AsSpan(0, read));
    }
}

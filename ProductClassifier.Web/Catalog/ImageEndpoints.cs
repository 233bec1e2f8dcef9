using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Catalog;

/// <summary><c>GET /images/{productId}</c>: a product's image from the image store.</summary>
internal static class ImageEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapImageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/images/{productId:long}", GetImageAsync).RequireAuthorization();
        return app;
    }

    internal static async Task<Results<PhysicalFileHttpResult, RedirectHttpResult, NotFound>> GetImageAsync(
        long productId, IDbContextFactory<ClassifierDb> dbs, ImageStore store, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var image = await db.Products.Where(p => p.Id == productId)
            .Join(db.Catalogues, p => p.CatalogueId, c => c.Id, (p, c) => new { c.Name, p.ImageRef })
            .SingleOrDefaultAsync(ct);
        if (image?.ImageRef is not { Length: > 0 } imageRef) return TypedResults.NotFound();
        // Feeds that carry image URLs rather than files: let the browser fetch them from the shop.
        if (Uri.TryCreate(imageRef, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return TypedResults.Redirect(uri.ToString());

        var path = store.PathOf(image.Name, imageRef);
        if (path is null || !File.Exists(path)) return TypedResults.NotFound();
        var contentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(path, contentType, lastModified: File.GetLastWriteTimeUtc(path));
    }
}

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Catalog;

/// <summary>The product list's query: search and paging done by Postgres, so a page costs the same at 44k products as at 40.</summary>
public static class ProductList
{
    public const int DefaultPageSize = 50;

    /// <param name="search">Words that must each occur (case-insensitively) in the title, brand or external id.</param>
    /// <param name="page">1-based.</param>
    public static async Task<ProductPage> QueryAsync(ClassifierDb db, int catalogueId, string? search, int page, int pageSize,
        CancellationToken ct)
    {
        var query = db.Products.AsNoTracking().Where(p => p.CatalogueId == catalogueId);
        foreach (var word in (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pattern = "%" + EscapeLike(word) + "%";
            // One ILIKE over the joined fields costs about half of three ORed ones; words hold no newline, so
            // no match can straddle two fields.
            query = query.Where(p => EF.Functions.ILike((p.Title ?? "") + "\n" + (p.Brand ?? "") + "\n" + p.ExternalId, pattern, @"\"));
        }
        var skip = (Math.Max(page, 1) - 1) * pageSize;
        var rows = await query.OrderBy(p => p.Id).Skip(skip).Take(pageSize)
            .Select(p => new ProductRow(p.Id, p.ExternalId, p.Title, p.Brand, p.Price, p.Currency, p.Source, p.FeedCategory,
                p.ImageRef != null && p.ImageRef != ""))
            .ToListAsync(ct);
        // A short last page already tells the total: rare search words, whose scan is the slow one, skip the count.
        var total = rows.Count < pageSize && (rows.Count > 0 || skip == 0) ? skip + rows.Count : await query.CountAsync(ct);
        return new ProductPage(rows, total);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}

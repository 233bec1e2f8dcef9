using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Labelling;

/// <summary>
/// Each catalogue's taxonomy as the category picker takes it, one list instance per taxonomy version, so the
/// picker's search index is built once per server rather than once per labeller and page.
/// </summary>
public sealed class TaxonomyCache(IDbContextFactory<ClassifierDb> dbs)
{
    private readonly ConcurrentDictionary<int, (string Version, IReadOnlyList<PickerCategory> Categories)> _byCatalogue = new();

    public async Task<IReadOnlyList<PickerCategory>> GetAsync(int catalogueId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var categories = db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogueId);
        // The taxonomy changes by import (rows added) or edit (rows renamed or removed): count and newest id tell.
        var version = $"{await categories.CountAsync(ct)}:{await categories.MaxAsync(c => (int?)c.Id, ct)}";
        if (_byCatalogue.TryGetValue(catalogueId, out var cached) && cached.Version == version) return cached.Categories;
        var list = await categories.OrderBy(c => c.Path)
            .Select(c => new PickerCategory(c.Id, c.ParentId, c.Name, c.Path, c.Depth)).ToListAsync(ct);
        _byCatalogue[catalogueId] = (version, list);
        return list;
    }
}

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Catalog;

/// <summary>Finds and creates catalogues by name.</summary>
public static class CatalogueStore
{
    /// <summary>The named catalogue, or (no name) the most recently imported or created one.</summary>
    public static async Task<Catalogue> ResolveAsync(ClassifierDb db, string? name, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(name))
            return await db.Catalogues.SingleOrDefaultAsync(c => c.Name == name, ct)
                ?? throw new UserFacingException($"No catalogue named '{name}'. Known: {await KnownAsync(db, ct)}.");
        return await db.Catalogues.OrderByDescending(c => c.TouchedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct)
            ?? throw new UserFacingException("There is no catalogue yet: run `./pc demo` or `./pc import-dataset DIR`, or pass --catalogue NAME to create one.");
    }

    /// <summary>The named catalogue, created when missing; marks it as the most recently used.</summary>
    public static async Task<Catalogue> GetOrCreateAsync(ClassifierDb db, string name, CancellationToken ct = default)
    {
        var catalogue = await db.Catalogues.SingleOrDefaultAsync(c => c.Name == name, ct);
        if (catalogue is null)
        {
            catalogue = new Catalogue { Name = name };
            db.Catalogues.Add(catalogue);
        }
        catalogue.TouchedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return catalogue;
    }

    /// <summary>Deletes a catalogue and everything under it (taxonomy, rules, products, labels) by cascade.</summary>
    public static Task<int> DeleteAsync(ClassifierDb db, string name, CancellationToken ct = default) =>
        db.Catalogues.Where(c => c.Name == name).ExecuteDeleteAsync(ct);

    private static async Task<string> KnownAsync(ClassifierDb db, CancellationToken ct)
    {
        var names = await db.Catalogues.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Models;

/// <summary>
/// Model version folders (<c>{Root}/{catalogue}/v{N}</c>, root from <c>Models:Root</c>, default <c>.data/models</c>)
/// and their registry rows. Activating a version deactivates the others in one transaction.
/// </summary>
public sealed class ModelStore(string root)
{
    public const string RootKey = "Models:Root";

    public string Root { get; } = Path.GetFullPath(root);

    public static ModelStore FromConfiguration(IConfiguration configuration) =>
        new(configuration[RootKey] is { Length: > 0 } root ? root : ProjectRoot.DataFolder("models"));

    public string PathOf(ModelVersion version) => Path.Combine(Root, version.Folder);

    /// <summary>A fresh folder for the catalogue's next version (not registered until <see cref="RegisterAsync"/>).</summary>
    public async Task<(int Number, string Folder)> NextFolderAsync(ClassifierDb db, Catalogue catalogue, CancellationToken ct)
    {
        var number = (await db.ModelVersions.Where(v => v.CatalogueId == catalogue.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var relative = Path.Combine(catalogue.Name, $"v{number}");
        var full = Path.Combine(Root, relative);
        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
        Directory.CreateDirectory(full);
        return (number, relative);
    }

    public async Task<ModelVersion> RegisterAsync(ClassifierDb db, Catalogue catalogue, int number, string folder, string members,
        string metricsJson, string device, bool activate, CancellationToken ct)
    {
        var version = new ModelVersion
        {
            CatalogueId = catalogue.Id, Number = number, Folder = folder, Members = members, Metrics = metricsJson, Device = device,
        };
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync(ct);
        if (activate) await ActivateAsync(db, version, ct);
        return version;
    }

    /// <summary>Makes the version the catalogue's only active one, in the caller's transaction if one is open.</summary>
    public static async Task ActivateAsync(ClassifierDb db, ModelVersion version, CancellationToken ct)
    {
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.ModelVersions.Where(v => v.CatalogueId == version.CatalogueId && v.IsActive && v.Id != version.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.IsActive, false), ct);
        await db.ModelVersions.Where(v => v.Id == version.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.IsActive, true).SetProperty(v => v.ActivatedAt, DateTime.UtcNow), ct);
        if (owned is not null) await owned.CommitAsync(ct);
        version.IsActive = true;
    }

    /// <summary>The given version number, or the active one.</summary>
    public static async Task<ModelVersion> ResolveAsync(ClassifierDb db, Catalogue catalogue, int? number, CancellationToken ct)
    {
        var versions = db.ModelVersions.AsNoTracking().Where(v => v.CatalogueId == catalogue.Id);
        return (number is { } n ? await versions.SingleOrDefaultAsync(v => v.Number == n, ct) : await versions.SingleOrDefaultAsync(v => v.IsActive, ct))
            ?? throw new UserFacingException(number is null
                ? $"Catalogue '{catalogue.Name}' has no active model: run `./pc train` first."
                : $"Catalogue '{catalogue.Name}' has no model version {number}.");
    }
}

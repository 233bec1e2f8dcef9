using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Core.ModelVersions;

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

    /// <summary>
    /// Reserves the catalogue's next version number in the database and makes its empty folder (not registered until
    /// <see cref="RegisterAsync"/>). Two trainings of one catalogue at once get different numbers and folders.
    /// </summary>
    public async Task<(int Number, string Folder)> NextFolderAsync(ClassifierDb db, Catalogue catalogue, CancellationToken ct)
    {
        var reserved = await db.Database.SqlQuery<int>($"""
            UPDATE catalogues SET last_model_version = last_model_version + 1 WHERE id = {catalogue.Id}
            RETURNING last_model_version AS "Value"
            """).ToListAsync(ct);
        if (reserved.Count == 0) throw new UserFacingException($"Catalogue '{catalogue.Name}' was deleted meanwhile: nothing was saved.");
        var number = reserved[0];
        var relative = Path.Combine(catalogue.Name, $"v{number}");
        var full = Path.Combine(Root, relative);
        // Only a deleted catalogue of the same name, or a training that crashed before registering, left this behind.
        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
        Directory.CreateDirectory(full);
        return (number, relative);
    }

    /// <summary>
    /// Registers a version saved under <see cref="VersionRegistration.Folder"/> with its test predictions, and activates it
    /// when asked, in one transaction (the caller's, if open): a version is never seen without its error lists. With
    /// <see cref="VersionRegistration.Owner"/>, only while that job still runs for its worker (<see cref="JobLostException"/>
    /// otherwise, and nothing is registered).
    /// </summary>
    public async Task<ModelVersion> RegisterAsync(ClassifierDb db, Catalogue catalogue, VersionRegistration registration, bool activate,
        CancellationToken ct)
    {
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (registration.Owner is { } owner) await owner.ConfirmAsync(db, ct);
        var version = new ModelVersion
        {
            CatalogueId = catalogue.Id,
            Number = registration.Number,
            Folder = registration.Folder,
            Members = registration.Members,
            Device = registration.Device,
            HumanLabels = registration.HumanLabels,
            RuleLabels = registration.RuleLabels,
        };
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync(ct);
        await StoredEvaluation.StoreAsync(db, version, registration.Metrics, ct);
        await TestPredictions.StoreAsync(db, version, registration.TestPredictions, ct);
        if (activate) await ActivateAsync(db, version, ct);
        if (owned is not null) await owned.CommitAsync(ct);
        return version;
    }

    /// <summary>Replaces a version's stored evaluation and test predictions with a fresh evaluation's (<c>./pc evaluate --store</c>).</summary>
    public static async Task StoreEvaluationAsync(ClassifierDb db, ModelVersion version, string metricsJson, IReadOnlyList<TestPredictionRow> rows,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await StoredEvaluation.StoreAsync(db, version, metricsJson, ct);
        await db.TestPredictions.Where(p => p.ModelVersionId == version.Id).ExecuteDeleteAsync(ct);
        await TestPredictions.StoreAsync(db, version, rows, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Removes every version folder of a catalogue that was deleted or is being replaced.</summary>
    public void DeleteCatalogue(string catalogue)
    {
        var full = Path.Combine(Root, catalogue);
        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
    }

    /// <summary>Removes a version folder that was saved but never registered.</summary>
    public void Discard(string folder)
    {
        var full = Path.Combine(Root, folder);
        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
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

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Labelling;

/// <summary>Reads and writes a catalogue's <see cref="RoundSettings"/>; a catalogue nobody configured has the defaults.</summary>
public static class RoundSettingsStore
{
    public static async Task<RoundSettings> GetAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default) =>
        await db.RoundSettings.AsNoTracking().SingleOrDefaultAsync(s => s.CatalogueId == catalogueId, ct)
        ?? new RoundSettings { CatalogueId = catalogueId };

    /// <exception cref="UserFacingException">A setting out of range: which one and why.</exception>
    public static async Task SaveAsync(ClassifierDb db, RoundSettings settings, CancellationToken ct = default)
    {
        Validate(settings);
        var stored = await db.RoundSettings.SingleOrDefaultAsync(s => s.CatalogueId == settings.CatalogueId, ct);
        if (stored is null) db.RoundSettings.Add(stored = new RoundSettings { CatalogueId = settings.CatalogueId });
        stored.AutoContinue = settings.AutoContinue;
        stored.Strategy = settings.Strategy;
        stored.BatchSize = settings.BatchSize;
        stored.OverlapFraction = settings.OverlapFraction;
        stored.Seed = settings.Seed;
        stored.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    public static void Validate(RoundSettings settings)
    {
        QueryStrategyNames.Parse(settings.Strategy);
        if (settings.BatchSize is < 1 or > 100_000)
            throw new UserFacingException($"Batch size {settings.BatchSize}: a batch holds from 1 to 100,000 products.");
        if (settings.OverlapFraction is < 0 or > 1 || double.IsNaN(settings.OverlapFraction))
            throw new UserFacingException($"Overlap share {settings.OverlapFraction}: it must lie between 0 and 1 (0 %–100 %).");
    }
}

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Web.ModelVersions;

/// <summary>A catalogue's model versions, newest first, with how each was made and its served ensemble's scores.</summary>
public static class VersionList
{
    public static async Task<IReadOnlyList<VersionRow>> LoadAsync(ClassifierDb db, int catalogueId, CancellationToken ct)
    {
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.CatalogueId == catalogueId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.CreatedAt, v.Members, v.HumanLabels, v.RuleLabels, v.Device, v.IsActive, v.ActivatedAt })
            .ToListAsync(ct);
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        var rounds = await db.LabellingBatches.AsNoTracking().Where(b => b.CatalogueId == catalogueId && b.ResultVersionId != null)
            .Select(b => new { b.Round, b.ResultVersionId, b.PickedWithVersionId }).ToListAsync(ct);
        var origins = rounds.ToDictionary(b => b.ResultVersionId!.Value,
            b => $"round {b.Round}" + (b.PickedWithVersionId is { } from && numbers.TryGetValue(from, out var n) ? $" from v{n}" : ""));
        var scores = await StoredEvaluation.ScoresAsync(db, catalogueId, ct);
        return versions.Select(v => new VersionRow(v.Id, v.Number, DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc),
            origins.GetValueOrDefault(v.Id, "training"), v.Members, v.HumanLabels, v.RuleLabels, v.Device,
            scores.GetValueOrDefault(v.Id) ?? new VersionScores(null, null, null, null), v.IsActive, v.ActivatedAt)).ToList();
    }
}

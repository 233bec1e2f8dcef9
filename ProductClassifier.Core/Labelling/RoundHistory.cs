using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// A catalogue's labelling rounds with the ground-truth figures of the version that picked each batch and of the one
/// its fine-tune produced: the rounds page's history and <c>./pc round status</c>.
/// </summary>
public static class RoundHistory
{
    /// <summary>Every round of the catalogue, first first.</summary>
    public static async Task<IReadOnlyList<RoundRow>> OfAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default)
    {
        var batches = await db.LabellingBatches.AsNoTracking().Where(b => b.CatalogueId == catalogueId).OrderBy(b => b.Round)
            .Select(b => new
            {
                b.Id,
                b.Round,
                b.Strategy,
                b.CreatedAt,
                b.FinishedAt,
                b.PickedWithVersionId,
                b.ResultVersionId,
                Items = db.BatchItems.Count(i => i.BatchId == b.Id),
                Decided = db.BatchItems.Count(i => i.BatchId == b.Id && db.LabelDecisions.Any(d => d.ProductId == i.ProductId && d.BatchId == b.Id)),
            }).ToListAsync(ct);
        var versionIds = batches.SelectMany(b => new[] { b.PickedWithVersionId, b.ResultVersionId }).OfType<int>().Distinct().ToList();
        var versions = await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Number }).ToDictionaryAsync(v => v.Id, ct);
        var figures = await db.LevelScores.AsNoTracking()
            .Where(s => versionIds.Contains(s.ModelVersionId) && s.Set == StoredEvaluation.GroundTruth && s.Level == LevelScore.AllLevels)
            .ToDictionaryAsync(s => s.ModelVersionId, s => new VersionFigures(s.MacroF1, s.MicroF1), ct);
        // The round in which each product got its first decision: labels so far, round by round.
        var firstRounds = await (from d in db.LabelDecisions
                                 join b in db.LabellingBatches on d.BatchId equals b.Id
                                 where b.CatalogueId == catalogueId
                                 group b.Round by d.ProductId into g
                                 select g.Min()).ToListAsync(ct);
        return batches.Select(b => new RoundRow(b.Id, b.Round, b.Strategy, b.CreatedAt, b.FinishedAt, b.Items, b.Decided,
            firstRounds.Count(r => r <= b.Round),
            Number(b.PickedWithVersionId), Figures(b.PickedWithVersionId), Number(b.ResultVersionId), Figures(b.ResultVersionId))).ToList();

        int? Number(int? id) => id is { } v && versions.TryGetValue(v, out var version) ? version.Number : null;
        VersionFigures? Figures(int? id) => id is { } v ? figures.GetValueOrDefault(v) : null;
    }

    /// <summary>
    /// The catalogue's learning curve: round 0 is the version that picked the first batch (when it has figures), round N
    /// the version round N's fine-tune produced, at the human labels by then; each with the strategy that picked its
    /// round (round 0: the first round's).
    /// </summary>
    public static IReadOnlyList<RoundPoint> Curve(IReadOnlyList<RoundRow> rows)
    {
        var ordered = rows.OrderBy(r => r.Round).ToList();
        var points = new List<RoundPoint>();
        if (ordered.FirstOrDefault() is { Before: { } start } first) points.Add(new RoundPoint(0, first.Strategy, 0, start.MacroF1));
        points.AddRange(ordered.Where(r => r.After is not null).Select(r => new RoundPoint(r.Round, r.Strategy, r.Labels, r.After!.MacroF1)));
        return points;
    }

    /// <summary>
    /// The app's ground-truth macro-F1 (<see cref="Curve"/>) beside a simulation's, round by round. The simulation's
    /// points are those of the round's own strategy, averaged over its seeds; a round the simulation lacks gets null.
    /// </summary>
    public static IReadOnlyList<SimulatedRound> AgainstSimulation(IReadOnlyList<RoundRow> rows, IReadOnlyList<CurvePoint> simulated)
    {
        var curves = simulated.GroupBy(p => p.Strategy).ToDictionary(g => g.Key,
            g => g.GroupBy(p => p.Round).ToDictionary(r => r.Key, r => r.Average(p => p.MacroF1)));
        double? Simulated(string strategy, int round) =>
            curves.TryGetValue(strategy, out var curve) && curve.TryGetValue(round, out var macro) ? macro : null;
        return Curve(rows).Select(p => new SimulatedRound(p.Round, p.Labels, p.MacroF1, Simulated(p.Strategy, p.Round))).ToList();
    }
}

/// <summary>One point of <see cref="RoundHistory.Curve"/>.</summary>
public sealed record RoundPoint(int Round, string Strategy, int Labels, double MacroF1);

/// <summary>One round of <see cref="RoundHistory.AgainstSimulation"/>: human labels by then, the app's and the simulation's macro-F1.</summary>
public sealed record SimulatedRound(int Round, int Labels, double AppMacroF1, double? SimulatedMacroF1)
{
    /// <summary>App minus simulation, in points of macro-F1; null where the simulation has no such round.</summary>
    public double? DifferencePoints => SimulatedMacroF1 is { } s ? (AppMacroF1 - s) * 100 : null;
}

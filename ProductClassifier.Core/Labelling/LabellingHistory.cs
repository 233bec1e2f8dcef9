using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// What a labeller has done in a catalogue's open round: their decisions in order (← and → on the labelling page,
/// re-decided through <see cref="LabellingQueue.DecideAsync"/>) and their progress. Thread-safe: a singleton.
/// </summary>
public sealed class LabellingHistory(IDbContextFactory<ClassifierDb> databases, LabellingQueueOptions options, TimeProvider clock)
{
    /// <summary>The items the labeller decided in the open batch, first decided first. Empty when no round is open.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(int catalogueId, string labeller, CancellationToken ct = default)
    {
        await using var session = await QueueSession.OpenAsync(databases, ct);
        if (await session.OpenBatchAsync(catalogueId, ct) is not { } batch) return [];
        var db = session.Db;
        return await (
            from a in db.Assignments
            join p in db.Products on a.ProductId equals p.Id
            where a.BatchId == batch.Id && a.Labeller == labeller && a.DecidedAt != null
            orderby a.DecidedAt, a.Id
            select new HistoryEntry(a.ProductId, p.Title,
                db.LabelDecisions.Where(d => d.BatchId == batch.Id && d.ProductId == a.ProductId && d.Labeller == labeller && !d.IsResolution)
                    .OrderByDescending(d => d.DecidedAt).Select(d => d.PositiveCategoryIds).FirstOrDefault() ?? Array.Empty<int>(),
                a.DecidedAt!.Value)).ToListAsync(ct);
    }

    /// <summary>
    /// The card of an item the labeller decided in the open batch (or holds now), with their decision, to look at or
    /// change. Revisiting leases nothing.
    /// </summary>
    /// <exception cref="UserFacingException">The product is not one of the labeller's items in the open round.</exception>
    public async Task<LabellingItem> RevisitAsync(int catalogueId, string labeller, long productId, CancellationToken ct = default)
    {
        await using var session = await QueueSession.OpenAsync(databases, ct);
        var batch = await session.RequireOpenBatchAsync(catalogueId, ct);
        var held = await session.Db.Assignments.Where(a => a.BatchId == batch.Id && a.ProductId == productId && a.Labeller == labeller
            && a.SkippedAt == null).Select(a => new { a.DecidedAt, a.LeaseExpiresAt }).FirstOrDefaultAsync(ct)
            ?? throw new UserFacingException($"Product {productId} is not one of {labeller}'s items in the open round.");
        return await LabellingCards.LoadAsync(session, batch, productId, labeller,
            held.DecidedAt is null ? held.LeaseExpiresAt : null, null, ct);
    }

    /// <summary>The open batch's progress and the labeller's own counts and pace.</summary>
    /// <param name="timeZone">The labeller's time zone, where "today" starts (default UTC).</param>
    /// <returns>Null when the catalogue has no open round.</returns>
    public async Task<LabellingProgress?> ProgressAsync(int catalogueId, string labeller, TimeZoneInfo? timeZone = null,
        CancellationToken ct = default)
    {
        await using var session = await QueueSession.OpenAsync(databases, ct);
        if (await session.OpenBatchAsync(catalogueId, ct) is not { } batch) return null;
        var db = session.Db;
        var total = await db.BatchItems.CountAsync(i => i.BatchId == batch.Id, ct);
        var decided = await db.Assignments.Where(a => a.BatchId == batch.Id && a.DecidedAt != null)
            .Select(a => a.ProductId).Distinct().CountAsync(ct);
        var mine = await db.Assignments.CountAsync(a => a.BatchId == batch.Id && a.Labeller == labeller && a.DecidedAt != null, ct);
        // Midnight at today's UTC offset: on a day the clocks change, "today" is off by that hour.
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), timeZone ?? TimeZoneInfo.Utc);
        var dayStart = new DateTimeOffset(local.Date, local.Offset).UtcDateTime;
        var today = await db.Assignments.Where(a => a.Labeller == labeller && a.DecidedAt >= dayStart
                && db.LabellingBatches.Any(b => b.Id == a.BatchId && b.CatalogueId == catalogueId))
            .Select(a => new { a.LeasedAt, DecidedAt = a.DecidedAt!.Value }).ToListAsync(ct);
        double? mean = today.Count == 0 ? null
            : today.Average(t => Math.Clamp((t.DecidedAt - t.LeasedAt).TotalSeconds, 0, options.LeaseDuration.TotalSeconds));
        return new LabellingProgress(batch.Id, batch.Round, total, decided, mine, today.Count, mean);
    }
}

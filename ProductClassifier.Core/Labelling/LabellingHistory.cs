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
        using var timing = LabellingMetrics.Time(LabellingMetrics.History);
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
        using var timing = LabellingMetrics.Time(LabellingMetrics.Revisit);
        await using var session = await QueueSession.OpenAsync(databases, ct);
        var batch = QueueSession.Require(await session.OpenBatchAsync(catalogueId, ct), catalogueId);
        var held = await session.Db.Assignments.Where(a => a.BatchId == batch.Id && a.ProductId == productId && a.Labeller == labeller)
            .Select(a => new { a.DecidedAt, a.LeaseExpiresAt }).FirstOrDefaultAsync(ct)
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
        using var timing = LabellingMetrics.Time(LabellingMetrics.Progress);
        await using var session = await QueueSession.OpenAsync(databases, ct);
        if (await session.OpenBatchAsync(catalogueId, ct) is not { } batch) return null;
        // Midnight at today's UTC offset: on a day the clocks change, "today" is off by that hour.
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), timeZone ?? TimeZoneInfo.Utc);
        await using var command = await session.CommandAsync("""
            SELECT (SELECT count(*) FROM batch_items WHERE batch_id = @batch),
                   (SELECT count(DISTINCT product_id) FROM assignments WHERE batch_id = @batch AND decided_at IS NOT NULL),
                   (SELECT count(*) FROM assignments WHERE batch_id = @batch AND labeller = @labeller AND decided_at IS NOT NULL),
                   count(*), avg(least(greatest(extract(epoch FROM a.decided_at - a.leased_at), 0), @cap))::double precision
            FROM assignments a JOIN labelling_batches b ON b.id = a.batch_id
            WHERE b.catalogue_id = @catalogue AND a.labeller = @labeller AND a.decided_at >= @dayStart
            """, ct, ("batch", batch.Id), ("labeller", labeller), ("catalogue", catalogueId),
            ("dayStart", new DateTimeOffset(local.Date, local.Offset).UtcDateTime), ("cap", options.LeaseDuration.TotalSeconds));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        int Count(int column) => (int)reader.GetInt64(column);
        return new LabellingProgress(batch.Id, batch.Round, Count(0), Count(1), Count(2), Count(3),
            reader.IsDBNull(4) ? null : reader.GetDouble(4));
    }
}

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// The labelling queue of a catalogue's open round, as the labelling page uses it. Each labeller holds one item at a
/// time on a lease; two labellers never hold the same item, except overlap items (<see cref="OverlapSample"/>), which
/// go to exactly two different labellers. Every decision is stored the moment it is made, and all state lives in
/// Postgres, so a reload, a lost connection or another server resumes exactly where the labeller was. Thread-safe:
/// register it as a singleton.
/// </summary>
public sealed class LabellingQueue(IDbContextFactory<ClassifierDb> databases, LabellingQueueOptions options, TimeProvider clock)
{
    /// <summary>
    /// The labeller's current item: the one they hold (its lease renewed), else the first free item of the batch in
    /// position order, leased to them. Null when nothing is left for them.
    /// </summary>
    /// <exception cref="UserFacingException">The catalogue has no open labelling round.</exception>
    public async Task<LabellingItem?> NextAsync(int catalogueId, string labeller, CancellationToken ct = default)
    {
        using var timing = LabellingMetrics.Time(LabellingMetrics.Next);
        await using var session = await QueueSession.OpenAsync(databases, ct);
        var batch = QueueSession.Require(await session.BeginAsync(labeller, ct, catalogueId), catalogueId);
        var (now, expires) = LeaseTimes();
        var product = await Leases.ResumeAsync(session, batch.Id, labeller, expires, ct)
            ?? await Leases.ClaimAsync(session, batch.Id, labeller, now, expires, options.OverlapFraction, ct);
        await session.CommitAsync(ct);
        return product is { } id ? await LabellingCards.LoadAsync(session, batch, id, labeller, expires, null, ct) : null;
    }

    /// <summary>
    /// The item the labeller will most likely get after their current one, to prefetch (image included). Nothing is
    /// leased: if another labeller takes it first, <see cref="NextAsync"/> hands out a different one.
    /// </summary>
    public async Task<LabellingItem?> PeekNextAsync(int catalogueId, string labeller, CancellationToken ct = default)
    {
        using var timing = LabellingMetrics.Time(LabellingMetrics.Peek);
        await using var session = await QueueSession.OpenAsync(databases, ct);
        if (await session.OpenBatchAsync(catalogueId, ct) is not { } batch) return null;
        var next = await Leases.PeekAsync(session, batch.Id, labeller, Now(), ct);
        return next is { } id ? await LabellingCards.LoadAsync(session, batch, id, labeller, null, null, ct) : null;
    }

    /// <summary>
    /// Stores the labeller's decision on a product they hold (or decided before, to change it): the categories and all
    /// their ancestors. Ends the lease. Saving the same decision again changes nothing.
    /// </summary>
    /// <param name="categoryIds">The positive categories; empty means "none of the catalogue's categories".</param>
    /// <exception cref="UserFacingException">The product is not leased to the labeller (the lease ran out and the item
    /// went to someone else, they skipped it, or it was never theirs), or a category is not in the taxonomy.</exception>
    public async Task<SavedDecision> DecideAsync(string labeller, long productId, IReadOnlyCollection<int> categoryIds,
        CancellationToken ct = default)
    {
        using var timing = LabellingMetrics.Time(LabellingMetrics.Decide);
        await using var session = await QueueSession.OpenAsync(databases, ct);
        await session.BeginAsync(labeller, ct);
        var now = Now();
        await using var command = await session.CommandAsync("""
            UPDATE assignments a SET decided_at = coalesce(a.decided_at, @now)
            FROM labelling_batches b
            WHERE b.id = a.batch_id AND b.result_version_id IS NULL
              AND a.product_id = @product AND a.labeller = @labeller
            RETURNING a.batch_id, b.catalogue_id
            """, ct, ("now", now), ("product", productId), ("labeller", labeller));
        (long Batch, int Catalogue)? held = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct)) held = (reader.GetInt64(0), reader.GetInt32(1));
        if (held is not { } assignment) throw await NotHeldAsync(session, labeller, productId, "decide", ct);

        var categories = await CategoryAncestry.ExpandAsync(session, assignment.Catalogue, categoryIds, ct);
        var saved = await DecisionStore.SaveAsync(session, assignment.Batch, productId, labeller, categories, resolution: false, now, ct);
        await session.CommitAsync(ct);
        return saved;
    }

    /// <summary>Passes on the product the labeller holds: it returns to the pool for others, never to them.</summary>
    /// <exception cref="UserFacingException">The labeller does not hold the product undecided.</exception>
    public async Task SkipAsync(string labeller, long productId, CancellationToken ct = default)
    {
        using var timing = LabellingMetrics.Time(LabellingMetrics.Skip);
        await using var session = await QueueSession.OpenAsync(databases, ct);
        await session.BeginAsync(labeller, ct);
        var skipped = await session.ExecuteAsync("""
            UPDATE assignments a SET labeller = NULL, leased_at = NULL, lease_expires_at = NULL,
                skipped_by = array_append(a.skipped_by, @labeller::text)
            FROM labelling_batches b
            WHERE b.id = a.batch_id AND b.result_version_id IS NULL
              AND a.product_id = @product AND a.labeller = @labeller AND a.decided_at IS NULL
            """, ct, ("product", productId), ("labeller", labeller));
        if (skipped == 0) throw await NotHeldAsync(session, labeller, productId, "skip", ct);
        await session.CommitAsync(ct);
    }

    /// <summary>
    /// Removes the labeller's last decision in the open batch and hands that product back to them as their current
    /// item (its <see cref="LabellingItem.PreviousDecision"/> is the decision removed). Null when there is nothing to undo.
    /// </summary>
    public async Task<LabellingItem?> UndoAsync(int catalogueId, string labeller, CancellationToken ct = default)
    {
        using var timing = LabellingMetrics.Time(LabellingMetrics.Undo);
        await using var session = await QueueSession.OpenAsync(databases, ct);
        var batch = QueueSession.Require(await session.BeginAsync(labeller, ct, catalogueId), catalogueId);
        var last = await (
            from d in session.Db.LabelDecisions
            join a in session.Db.Assignments on new { d.ProductId, BatchId = (long?)d.BatchId, d.Labeller }
                equals new { a.ProductId, BatchId = (long?)a.BatchId, a.Labeller }
            where d.BatchId == batch.Id && d.Labeller == labeller && !d.IsResolution && a.DecidedAt != null
            orderby d.DecidedAt descending, d.Id descending
            select new { d.ProductId, d.PositiveCategoryIds }).FirstOrDefaultAsync(ct);
        if (last is null) return null;

        var (now, expires) = LeaseTimes();
        await session.Db.LabelDecisions.Where(d => d.BatchId == batch.Id && d.ProductId == last.ProductId && d.Labeller == labeller
            && !d.IsResolution).ExecuteDeleteAsync(ct);
        await session.Db.Assignments.Where(a => a.BatchId == batch.Id && a.ProductId == last.ProductId && a.Labeller == labeller)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DecidedAt, (DateTime?)null).SetProperty(a => a.LeasedAt, (DateTime?)now)
                .SetProperty(a => a.LeaseExpiresAt, (DateTime?)expires), ct);
        await session.CommitAsync(ct);
        return await LabellingCards.LoadAsync(session, batch, last.ProductId, labeller, expires, last.PositiveCategoryIds, ct);
    }

    private static async Task<UserFacingException> NotHeldAsync(QueueSession session, string labeller, long productId, string verb,
        CancellationToken ct)
    {
        var state = await session.Db.Assignments.Where(a => a.ProductId == productId && (a.Labeller == labeller || a.SkippedBy.Contains(labeller)))
            .OrderByDescending(a => a.Id).Select(a => new { Skipped = a.SkippedBy.Contains(labeller), a.DecidedAt }).FirstOrDefaultAsync(ct);
        return new UserFacingException(state switch
        {
            { Skipped: true } => $"You skipped product {productId}, so it went back to the pool: you cannot {verb} it now.",
            { DecidedAt: not null } => $"Product {productId} is already decided: undo or revisit it to change the decision.",
            _ => $"Product {productId} is not leased to {labeller} (its lease may have run out and gone to another " +
                $"labeller): nothing was saved. Take the next item.",
        });
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private (DateTime Now, DateTime Expires) LeaseTimes()
    {
        var now = Now();
        return (now, now + options.LeaseDuration);
    }
}

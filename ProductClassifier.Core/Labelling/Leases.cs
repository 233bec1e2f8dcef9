namespace ProductClassifier.Core.Labelling;

/// <summary>
/// The queue's claims, in SQL. A slot is claimable by a labeller when it is undecided, free or leased out past its
/// expiry, and the labeller neither holds, decided nor skipped any slot of the same item.
/// </summary>
internal static class Leases
{
    private const string Claimable = """
        c.batch_id = @batch AND c.decided_at IS NULL AND (c.labeller IS NULL OR c.lease_expires_at <= @now)
        AND NOT EXISTS (SELECT 1 FROM assignments o WHERE o.batch_id = c.batch_id AND o.product_id = c.product_id
                        AND (o.labeller = @labeller OR @labeller = ANY(o.skipped_by)))
        """;

    /// <summary>The labeller's own undecided item (the latest handed to them), its lease renewed: expired or not, a
    /// slot still theirs was not claimed by anyone.</summary>
    public static Task<long?> ResumeAsync(QueueSession session, long batchId, string labeller, DateTime expires, CancellationToken ct) =>
        session.ScalarAsync<long>("""
            UPDATE assignments SET lease_expires_at = @expires
            WHERE id = (SELECT id FROM assignments WHERE batch_id = @batch AND labeller = @labeller AND decided_at IS NULL
                        ORDER BY leased_at DESC, id DESC LIMIT 1)
            RETURNING product_id
            """, ct, ("batch", batchId), ("labeller", labeller), ("expires", expires));

    /// <summary>
    /// Claims the first claimable slot in position order. The state lives on the slot row and the row is locked with
    /// SKIP LOCKED, so concurrent labellers pass over each other's candidates without waiting, and one that another
    /// labeller claimed since this statement's snapshot is re-checked on its new version and passed over too. When
    /// nothing is claimable, the batch's slots are topped up from its items (the first time, or items added since).
    /// </summary>
    public static async Task<long?> ClaimAsync(QueueSession session, long batchId, string labeller, DateTime now, DateTime expires,
        double overlapFraction, CancellationToken ct)
    {
        (string, object?)[] parameters = [("batch", batchId), ("labeller", labeller), ("now", now), ("expires", expires)];
        const string claim = $"""
            UPDATE assignments s SET labeller = @labeller, leased_at = @now, lease_expires_at = @expires
            WHERE s.id = (SELECT c.id FROM assignments c WHERE {Claimable}
                          ORDER BY c.position, c.slot LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING s.product_id
            """;
        if (await session.ScalarAsync<long>(claim, ct, parameters) is { } claimed) return claimed;
        // Another labeller may have added the slots meanwhile (this one then waited for them): claim again either way.
        await AddSlotsAsync(session, batchId, overlapFraction, ct);
        return await session.ScalarAsync<long>(claim, ct, parameters);
    }

    /// <summary>The item the labeller would get after their current one: their next own lease, else the first
    /// claimable item. Nothing is leased, so a prefetch never holds an item from anyone.</summary>
    public static async Task<long?> PeekAsync(QueueSession session, long batchId, string labeller, DateTime now, CancellationToken ct)
    {
        var own = new List<long>();
        await using (var command = await session.CommandAsync("""
            SELECT product_id FROM assignments WHERE batch_id = @batch AND labeller = @labeller AND decided_at IS NULL
            ORDER BY leased_at DESC, id DESC LIMIT 2
            """, ct, ("batch", batchId), ("labeller", labeller)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) own.Add(reader.GetInt64(0));
        if (own.Count == 2) return own[1];
        return await session.ScalarAsync<long>($"""
            SELECT c.product_id FROM assignments c WHERE {Claimable} AND c.product_id <> ALL(@current)
            ORDER BY c.position, c.slot LIMIT 1
            """, ct, ("batch", batchId), ("labeller", labeller), ("current", own.ToArray()), ("now", now));
    }

    /// <summary>
    /// Creates the missing slots of the batch's items: two for an overlap item, else one. One labeller at a time per
    /// batch, so the others find the slots made instead of racing to insert them; the creator refreshes the table's
    /// statistics, so prepared plans see the batch's real size from its first items on.
    /// </summary>
    /// <param name="overlapFraction">The share of overlap items when the batch was opened without one of its own.</param>
    private static async Task AddSlotsAsync(QueueSession session, long batchId, double overlapFraction, CancellationToken ct)
    {
        await session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('labelling-slots'), hashtext(@batch::text))", ct, ("batch", batchId));
        overlapFraction = await session.ScalarAsync<double>("SELECT overlap_fraction FROM labelling_batches WHERE id = @batch", ct,
            ("batch", batchId)) ?? overlapFraction;
        var added = await session.ExecuteAsync($"""
            INSERT INTO assignments (batch_id, product_id, slot, position, skipped_by)
            SELECT i.batch_id, i.product_id, s, i.position, ARRAY[]::text[] FROM batch_items i
            CROSS JOIN LATERAL generate_series(0, CASE WHEN {OverlapSample.HashSql} < @threshold THEN 1 ELSE 0 END) AS s
            WHERE i.batch_id = @batch
              AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.batch_id = i.batch_id AND a.product_id = i.product_id)
            ON CONFLICT DO NOTHING
            """, ct, ("batch", batchId), ("threshold", OverlapSample.Threshold(overlapFraction)));
        if (added > 0) await session.ExecuteAsync("ANALYZE assignments", ct);
    }
}

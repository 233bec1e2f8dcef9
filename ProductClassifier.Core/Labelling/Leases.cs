namespace ProductClassifier.Core.Labelling;

/// <summary>
/// The queue's claims, in SQL. A slot is live while its assignment is not skipped and is decided or leased
/// unexpired; an item is free to a labeller when they never held it and it has fewer live slots than it has slots.
/// </summary>
internal static class Leases
{
    private const string FreeTo = $"""
        NOT EXISTS (SELECT 1 FROM assignments a WHERE a.batch_id = i.batch_id AND a.product_id = i.product_id
                    AND a.labeller = @labeller)
        AND (SELECT count(*) FROM assignments a WHERE a.batch_id = i.batch_id AND a.product_id = i.product_id
             AND a.skipped_at IS NULL AND (a.decided_at IS NOT NULL OR a.lease_expires_at > @now))
            < CASE WHEN {OverlapSample.HashSql} < @threshold THEN 2 ELSE 1 END
        """;

    /// <summary>The labeller's own undecided, unskipped item (the latest handed to them), its lease renewed: expired or
    /// not, a row that still exists was not taken over by anyone.</summary>
    public static Task<long?> ResumeAsync(QueueSession session, long batchId, string labeller, DateTime expires, CancellationToken ct) =>
        session.ScalarAsync<long>("""
            UPDATE assignments SET lease_expires_at = @expires
            WHERE id = (SELECT id FROM assignments WHERE batch_id = @batch AND labeller = @labeller
                        AND decided_at IS NULL AND skipped_at IS NULL ORDER BY leased_at DESC, id DESC LIMIT 1)
            RETURNING product_id
            """, ct, ("batch", batchId), ("labeller", labeller), ("expires", expires));

    /// <summary>
    /// Claims the first free item in position order. The candidate's batch item row is locked (SKIP LOCKED, so
    /// labellers never wait on each other); then a second statement, whose snapshot sees every claim committed
    /// before the lock was granted, re-checks the slot and inserts. A candidate taken in between is passed over.
    /// </summary>
    public static async Task<long?> ClaimAsync(QueueSession session, long batchId, string labeller, DateTime now, DateTime expires,
        double overlapFraction, CancellationToken ct)
    {
        var threshold = OverlapSample.Threshold(overlapFraction);
        var passedOver = new List<long>();
        while (true)
        {
            var candidate = await session.ScalarAsync<long>($"""
                SELECT i.product_id FROM batch_items i
                WHERE i.batch_id = @batch AND i.product_id <> ALL(@passed) AND {FreeTo}
                ORDER BY i.position LIMIT 1
                FOR NO KEY UPDATE OF i SKIP LOCKED
                """, ct, ("batch", batchId), ("labeller", labeller), ("now", now), ("threshold", threshold),
                ("passed", passedOver.ToArray()));
            if (candidate is not { } product) return null;
            if (await TakeSlotAsync(session, batchId, product, labeller, now, expires, OverlapSample.Slots(product, overlapFraction), ct))
                return product;
            passedOver.Add(product);
        }
    }

    /// <summary>The item the labeller would get after their current one: their next own lease, else the first free
    /// item. Nothing is leased, so a prefetch never holds an item from anyone.</summary>
    public static async Task<long?> PeekAsync(QueueSession session, long batchId, string labeller, DateTime now,
        double overlapFraction, CancellationToken ct)
    {
        var own = new List<long>();
        await using (var command = await session.CommandAsync("""
            SELECT product_id FROM assignments WHERE batch_id = @batch AND labeller = @labeller
            AND decided_at IS NULL AND skipped_at IS NULL ORDER BY leased_at DESC, id DESC LIMIT 2
            """, ct, ("batch", batchId), ("labeller", labeller)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) own.Add(reader.GetInt64(0));
        if (own.Count == 2) return own[1];
        return await session.ScalarAsync<long>($"""
            SELECT i.product_id FROM batch_items i
            WHERE i.batch_id = @batch AND i.product_id <> ALL(@current) AND {FreeTo}
            ORDER BY i.position LIMIT 1
            """, ct, ("batch", batchId), ("labeller", labeller), ("current", own.ToArray()), ("now", now),
            ("threshold", OverlapSample.Threshold(overlapFraction)));
    }

    /// <summary>Frees the item's expired undecided slots and takes the lowest free one; false when none is free.</summary>
    private static async Task<bool> TakeSlotAsync(QueueSession session, long batchId, long product, string labeller, DateTime now,
        DateTime expires, int slots, CancellationToken ct)
    {
        (string, object?)[] parameters = [("batch", batchId), ("product", product), ("labeller", labeller), ("now", now),
            ("expires", expires), ("slots", slots)];
        await session.ExecuteAsync("""
            DELETE FROM assignments WHERE batch_id = @batch AND product_id = @product AND skipped_at IS NULL
            AND decided_at IS NULL AND lease_expires_at <= @now
            """, ct, parameters);
        // ON CONFLICT backs the checks with the unique indexes: a slot or labeller taken anyway counts as "not free".
        return await session.ScalarAsync<int>("""
            INSERT INTO assignments (batch_id, product_id, labeller, slot, leased_at, lease_expires_at)
            SELECT @batch, @product, @labeller, s, @now, @expires FROM generate_series(0, @slots - 1) AS s
            WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.batch_id = @batch AND a.product_id = @product AND a.labeller = @labeller)
              AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.batch_id = @batch AND a.product_id = @product
                              AND a.slot = s AND a.skipped_at IS NULL)
            ORDER BY s LIMIT 1
            ON CONFLICT DO NOTHING
            RETURNING slot
            """, ct, parameters) is not null;
    }
}

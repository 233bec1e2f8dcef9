using Npgsql;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// Merges staged chunks into a catalogue's products inside the ingest's transaction. <c>now()</c> is the
/// transaction's start, so every product the feed carries ends with <c>last_seen = now()</c>, and a full feed's
/// missing products are exactly those of the source whose <c>last_seen</c> is older.
/// </summary>
internal sealed class ProductMerge(NpgsqlConnection connection, int catalogueId, string source)
{
    // Both statements find existing products through ON CONFLICT's arbiter, the unique index, whatever the
    // planner's statistics say: during a first big load they still describe an empty catalogue, and a join or a
    // correlated lookup planned on them can scan the whole catalogue once per staged row.
    private const string InsertStaged = $"""
        INSERT INTO products AS p (catalogue_id, source, external_id, merchant, title, description, brand, price, currency,
                                   image_ref, feed_category, attributes, content_hash, first_seen, last_seen)
        SELECT @catalogue, @source, s.external_id, s.merchant, s.title, s.description, s.brand, s.price, s.currency,
               s.image_ref, s.feed_category, s.attributes, s.content_hash, now(), now()
        FROM {ProductStaging.Table} s
        ON CONFLICT (catalogue_id, source, external_id) DO UPDATE SET
        """;

    private const string Upsert = InsertStaged + """
            merchant = excluded.merchant, title = excluded.title, description = excluded.description,
            brand = excluded.brand, price = excluded.price, currency = excluded.currency, image_ref = excluded.image_ref,
            feed_category = excluded.feed_category, attributes = excluded.attributes,
            content_hash = excluded.content_hash, last_seen = excluded.last_seen, gone_at = NULL
        WHERE p.content_hash <> excluded.content_hash
        RETURNING p.id, p.xmax = 0
        """;

    // Unchanged products: seen again (and back, when they had gone). Rows the upsert wrote already have last_seen = now().
    private const string Touch = InsertStaged + """
            last_seen = excluded.last_seen, gone_at = NULL
        WHERE p.last_seen <> excluded.last_seen
        """;

    // Rows rejected after their id was read still count as present: a bad price must not hide a product.
    private const string MarkGone = """
        UPDATE products SET gone_at = now()
        WHERE catalogue_id = @catalogue AND source = @source AND gone_at IS NULL AND last_seen <> now()
          AND NOT (external_id = ANY(@present))
        """;

    private const string TouchCatalogue = "UPDATE catalogues SET touched_at = now() WHERE id = @catalogue";

    public List<long> Inserted { get; } = [];
    public List<long> Updated { get; } = [];
    public long Staged { get; private set; }
    public long Unchanged => Staged - Inserted.Count - Updated.Count;

    /// <summary>Merges the staged chunk of <paramref name="rows"/> rows.</summary>
    public async Task MergeChunkAsync(int rows, CancellationToken ct)
    {
        var changedBefore = Inserted.Count + Updated.Count;
        await using (var upsert = Command(Upsert))
        await using (var reader = await upsert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                (reader.GetBoolean(1) ? Inserted : Updated).Add(reader.GetInt64(0));
        }
        Staged += rows;
        if (Inserted.Count + Updated.Count - changedBefore < rows)
        {
            await using var touch = Command(Touch);
            await touch.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Marks the source's products missing from a full feed gone; returns how many.</summary>
    public async Task<int> MarkGoneAsync(IReadOnlyCollection<string> presentButRejected, CancellationToken ct)
    {
        await using var markGone = Command(MarkGone);
        markGone.Parameters.AddWithValue("present", presentButRejected.ToArray());
        return await markGone.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Makes the catalogue the most recently used one.</summary>
    public async Task TouchCatalogueAsync(CancellationToken ct)
    {
        await using var touch = new NpgsqlCommand(TouchCatalogue, connection);
        touch.Parameters.AddWithValue("catalogue", catalogueId);
        await touch.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("catalogue", catalogueId);
        command.Parameters.AddWithValue("source", source);
        return command;
    }
}

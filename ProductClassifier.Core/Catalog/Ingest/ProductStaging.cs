using Npgsql;
using NpgsqlTypes;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// A temporary table, dropped at commit, filled by binary COPY with a feed's mapped rows one chunk at a time:
/// <see cref="CompleteAsync"/> ends a chunk's COPY so it can be merged, <see cref="RestartAsync"/> empties the
/// table for the next.
/// </summary>
internal sealed class ProductStaging(NpgsqlConnection connection) : IAsyncDisposable
{
    public const string Table = "ingest_staging";

    private const string Copy = $"COPY {Table} (external_id, merchant, title, description, brand, price, currency, " +
        "image_ref, feed_category, attributes, content_hash) FROM STDIN (FORMAT BINARY)";

    private NpgsqlBinaryImporter? _importer;

    /// <summary>Rows in the current chunk.</summary>
    public int Rows { get; private set; }

    public static async Task<ProductStaging> BeginAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
            $"""
            CREATE TEMP TABLE {Table} (
                external_id text NOT NULL, merchant text, title text, description text, brand text,
                price numeric(14,2), currency text, image_ref text, feed_category text,
                attributes jsonb NOT NULL, content_hash text NOT NULL
            ) ON COMMIT DROP
            """, connection))
            await create.ExecuteNonQueryAsync(ct);
        var staging = new ProductStaging(connection);
        staging._importer = await connection.BeginBinaryImportAsync(Copy, ct);
        return staging;
    }

    public async ValueTask WriteAsync(StagedProduct p, CancellationToken ct)
    {
        var importer = _importer ?? throw new InvalidOperationException("The staging COPY is not open.");
        await importer.StartRowAsync(ct);
        await importer.WriteAsync(p.ExternalId, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.Merchant, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.Title, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.Description, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.Brand, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.Price, NpgsqlDbType.Numeric, ct);
        await importer.WriteAsync(p.Currency, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.ImageRef, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.FeedCategory, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(p.Attributes, NpgsqlDbType.Jsonb, ct);
        await importer.WriteAsync(p.ContentHash, NpgsqlDbType.Text, ct);
        Rows++;
    }

    /// <summary>Ends the current chunk's COPY; its rows are in the table.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_importer is null) return;
        await _importer.CompleteAsync(ct);
        await _importer.DisposeAsync();
        _importer = null;
    }

    /// <summary>Empties the table and opens the next chunk's COPY.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        await using (var truncate = new NpgsqlCommand($"TRUNCATE {Table}", connection))
            await truncate.ExecuteNonQueryAsync(ct);
        Rows = 0;
        _importer = await connection.BeginBinaryImportAsync(Copy, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_importer is not null) await _importer.DisposeAsync();
    }
}

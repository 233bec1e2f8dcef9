using System.Data;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Image embeddings in Postgres (<see cref="ProductEmbedding"/>): written by featurize, read by the similarity
/// indexes as they catch up, and by a "products like this one" query.
/// </summary>
public static class EmbeddingStore
{
    private const string NoVector = "none";

    /// <summary>
    /// Makes the table match one featurize run over a catalogue: <paramref name="vectors"/> holds every product that
    /// has a usable image; rows whose vector changed are rewritten (binary COPY), and products of the catalogue that
    /// had a vector and are no longer listed get a tombstone. Unchanged rows keep their revision. A run over part of
    /// the catalogue names the products it covered in <paramref name="covered"/>: only those can get a tombstone.
    /// </summary>
    public static async Task<EmbeddingWrite> SaveAsync(ClassifierDb db, int catalogueId, string model,
        IReadOnlyList<(long ProductId, float[] Vector)> vectors, IReadOnlySet<long>? covered = null, CancellationToken ct = default)
    {
        var existing = await (from e in db.ProductEmbeddings
                              join p in db.Products on e.ProductId equals p.Id
                              where p.CatalogueId == catalogueId && e.Model == model
                              select new { e.ProductId, e.ContentHash }).ToDictionaryAsync(e => e.ProductId, e => e.ContentHash, ct);
        var listed = new HashSet<long>();
        var rows = new List<(long ProductId, string Hash, float[]? Vector)>();
        foreach (var (productId, vector) in vectors)
        {
            if (!listed.Add(productId)) continue;
            var hash = Hash(vector);
            if (existing.GetValueOrDefault(productId) != hash) rows.Add((productId, hash, vector));
        }
        var written = rows.Count;
        rows.AddRange(existing.Where(e => e.Value != NoVector && !listed.Contains(e.Key) && (covered?.Contains(e.Key) ?? true))
            .Select(e => (e.Key, NoVector, (float[]?)null)));
        if (rows.Count > 0) await ReplaceAsync(db, model, rows, ct);
        return new EmbeddingWrite(written, rows.Count - written, listed.Count - written);
    }

    /// <summary>The product's embedding, or null when it has none (no usable image, or not featurised yet).</summary>
    public static Task<float[]?> VectorAsync(ClassifierDb db, long productId, string model, CancellationToken ct = default) =>
        db.ProductEmbeddings.Where(e => e.ProductId == productId && e.Model == model).Select(e => e.Vector).FirstOrDefaultAsync(ct);

    /// <summary>The newest revision of the catalogue's rows (0 when none): an index at this watermark is up to date.</summary>
    public static async Task<long> LatestRevisionAsync(ClassifierDb db, int catalogueId, string model, CancellationToken ct = default) =>
        await (from e in db.ProductEmbeddings
               join p in db.Products on e.ProductId equals p.Id
               where p.CatalogueId == catalogueId && e.Model == model
               select (long?)e.Revision).MaxAsync(ct) ?? 0;

    internal static string Hash(float[] vector) =>
        Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(vector.AsSpan())))[..32];

    // Replaced rather than updated, so each row takes a new identity value: the revision that readers catch up by.
    private static async Task ReplaceAsync(ClassifierDb db, string model, List<(long ProductId, string Hash, float[]? Vector)> rows,
        CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await Execute(connection, "CREATE TEMP TABLE embedding_staging (product_id bigint, content_hash text, vector real[]) ON COMMIT DROP", ct);
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY embedding_staging (product_id, content_hash, vector) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var (productId, hash, vector) in rows)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(productId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(hash, NpgsqlDbType.Text, ct);
                    if (vector is null) await copy.WriteNullAsync(ct);
                    else await copy.WriteAsync(vector, NpgsqlDbType.Array | NpgsqlDbType.Real, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await Execute(connection, "DELETE FROM product_embeddings e USING embedding_staging s WHERE e.product_id = s.product_id AND e.model = @model", ct, model);
            await Execute(connection, """
                INSERT INTO product_embeddings (product_id, model, vector, content_hash, featurized_at)
                SELECT product_id, @model, vector, content_hash, now() FROM embedding_staging ORDER BY product_id
                """, ct, model);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct, string? model = null)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        if (model is not null) command.Parameters.AddWithValue("model", model);
        await command.ExecuteNonQueryAsync(ct);
    }
}

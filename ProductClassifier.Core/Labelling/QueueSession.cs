using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// One open connection of the labelling services: prepared SQL where the queue is hot or must lock (a pooled
/// connection keeps its prepared statements, so the server plans each once), EF for the rest, in the same transaction
/// once <see cref="BeginAsync"/> has taken the labeller's lock.
/// </summary>
internal sealed class QueueSession(ClassifierDb db) : IAsyncDisposable
{
    private const string OpenBatchSql = "SELECT id, round FROM labelling_batches WHERE catalogue_id = @catalogue " +
        "AND result_version_id IS NULL ORDER BY round LIMIT 1";

    private NpgsqlTransaction? _transaction;

    public ClassifierDb Db => db;
    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    public static async Task<QueueSession> OpenAsync(IDbContextFactory<ClassifierDb> databases, CancellationToken ct)
    {
        var db = await databases.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        return new QueueSession(db);
    }

    /// <summary>
    /// Starts a transaction holding the labeller's advisory lock, so one labeller's calls (two tabs, a retry racing
    /// the original) run one after another and their checks of "mine" cannot interleave. Reads the catalogue's open
    /// batch in the same round trip when asked.
    /// </summary>
    public async Task<(long Id, int Round)?> BeginAsync(string labeller, CancellationToken ct, int? catalogueId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labeller);
        _transaction = (NpgsqlTransaction)(await db.Database.BeginTransactionAsync(ct)).GetDbTransaction();
        const string lockSql = "SELECT pg_advisory_xact_lock(hashtext('labelling'), hashtext(@labeller))";
        await using var batch = await BatchAsync(catalogueId is null ? [lockSql] : [lockSql, OpenBatchSql], ct,
            ("labeller", labeller), ("catalogue", catalogueId ?? 0));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await reader.NextResultAsync(ct) ? await ReadBatchAsync(reader, ct) : null;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await db.Database.CommitTransactionAsync(ct);
        _transaction = null;
    }

    /// <summary>The catalogue's open round (the oldest, should there be several).</summary>
    public async Task<(long Id, int Round)?> OpenBatchAsync(int catalogueId, CancellationToken ct)
    {
        await using var command = await CommandAsync(OpenBatchSql, ct, ("catalogue", catalogueId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadBatchAsync(reader, ct);
    }

    public static (long Id, int Round) Require((long Id, int Round)? batch, int catalogueId) => batch ?? throw new UserFacingException(
        $"Catalogue {catalogueId} has no open labelling round: an admin opens one (./pc round open) before labelling starts.");

    public async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, Connection, _transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.PrepareAsync(ct);
        return command;
    }

    /// <summary>Several statements sharing the same parameters, sent in one round trip.</summary>
    public async Task<NpgsqlBatch> BatchAsync(IEnumerable<string> statements, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var batch = new NpgsqlBatch(Connection, _transaction);
        foreach (var sql in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            batch.BatchCommands.Add(command);
        }
        await batch.PrepareAsync(ct);
        return batch;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = await CommandAsync(sql, ct, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is null).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) where T : struct
    {
        await using var command = await CommandAsync(sql, ct, parameters);
        return await command.ExecuteScalarAsync(ct) is T value ? value : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (db.Database.CurrentTransaction is { } open) await open.DisposeAsync();
        await db.DisposeAsync();
    }

    private static async Task<(long Id, int Round)?> ReadBatchAsync(NpgsqlDataReader reader, CancellationToken ct) =>
        await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
}

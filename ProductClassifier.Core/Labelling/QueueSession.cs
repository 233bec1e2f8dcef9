using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// One open connection of the labelling services: raw SQL where the queue is hot or must lock, EF for the rest, in
/// the same transaction once <see cref="BeginAsync"/> has taken the labeller's lock.
/// </summary>
internal sealed class QueueSession(ClassifierDb db) : IAsyncDisposable
{
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
    /// the original) run one after another and their checks of "mine" cannot interleave.
    /// </summary>
    public async Task BeginAsync(string labeller, CancellationToken ct)
    {
        _transaction = (NpgsqlTransaction)(await db.Database.BeginTransactionAsync(ct)).GetDbTransaction();
        await ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('labelling'), hashtext(@labeller))", ct, ("labeller", labeller));
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await db.Database.CommitTransactionAsync(ct);
        _transaction = null;
    }

    /// <summary>The catalogue's open round (the oldest, should there be several).</summary>
    public async Task<(long Id, int Round)?> OpenBatchAsync(int catalogueId, CancellationToken ct)
    {
        await using var command = Command("SELECT id, round FROM labelling_batches WHERE catalogue_id = @catalogue " +
            "AND result_version_id IS NULL ORDER BY round LIMIT 1", ("catalogue", catalogueId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    public async Task<(long Id, int Round)> RequireOpenBatchAsync(int catalogueId, CancellationToken ct) =>
        await OpenBatchAsync(catalogueId, ct) ?? throw new UserFacingException(
            $"Catalogue {catalogueId} has no open labelling round: an admin opens one (./pc round open) before labelling starts.");

    public NpgsqlCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, Connection, _transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Several statements sharing the same parameters, sent in one round trip.</summary>
    public NpgsqlBatch Batch(IEnumerable<string> statements, params (string Name, object? Value)[] parameters)
    {
        var batch = new NpgsqlBatch(Connection, _transaction);
        foreach (var sql in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            batch.BatchCommands.Add(command);
        }
        return batch;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is null).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) where T : struct
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync(ct) is T value ? value : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (db.Database.CurrentTransaction is { } open) await open.DisposeAsync();
        await db.DisposeAsync();
    }
}

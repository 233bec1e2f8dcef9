using Npgsql;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// The database a benchmark runs against: ConnectionStrings__Postgres when set, else a throwaway local cluster
/// on a free port, destroyed at the end.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly LocalPostgres? _cluster;
    private readonly DirectoryInfo? _folder;

    private BenchmarkDatabase(string connectionString, string description, LocalPostgres? cluster, DirectoryInfo? folder)
    {
        ConnectionString = connectionString;
        Description = description;
        _cluster = cluster;
        _folder = folder;
    }

    public string ConnectionString { get; }
    public string Description { get; }

    public static async Task<BenchmarkDatabase> OpenAsync(CancellationToken ct)
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        BenchmarkDatabase database;
        if (!string.IsNullOrEmpty(configured))
            database = new BenchmarkDatabase(configured, "ConnectionStrings__Postgres", null, null);
        else
        {
            var folder = Directory.CreateTempSubdirectory("productclassifier-bench-");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
            var cluster = new LocalPostgres(Path.Combine(folder.FullName, "postgres"), LocalPostgres.FreePort(), throwaway: true);
            database = new BenchmarkDatabase(await cluster.EnsureStartedAsync(ct),
                $"throwaway local PostgreSQL (fsync off) on port {cluster.Port}", cluster, folder);
        }
        await DatabaseLocator.MigrateAsync(database.ConnectionString, ct);
        return database;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster?.Destroy();
        _folder?.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }
}

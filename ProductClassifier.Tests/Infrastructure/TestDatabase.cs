using Npgsql;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database per test class, cloned from a migrated template, on the throwaway
/// cluster that ./test starts (ConnectionStrings__Postgres). Run outside ./test, it starts a
/// throwaway cluster of its own and removes it when the test process exits.
/// </summary>
public sealed class TestDatabase : IDatabaseUnderTest
{
    private const string Template = "pc_test_template";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;
    private static readonly Lazy<Task<string>> Server = new(StartServerAsync);

    public string ConnectionString { get; private set; } = "";
    public string Name { get; } = "pc_test_" + Guid.NewGuid().ToString("N")[..12];

    public ClassifierDb Open() => ClassifierDbOptions.Create(ConnectionString);

    public async Task InitializeAsync()
    {
        var server = await Server.Value;
        await EnsureTemplateAsync(server);
        await ExecuteAsync(server, $"CREATE DATABASE {Name} TEMPLATE {Template}");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(await Server.Value, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady) return;
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
            await ExecuteAsync(server, $"CREATE DATABASE {Template}");
            var template = new NpgsqlConnectionStringBuilder(server) { Database = Template, Pooling = false }.ConnectionString;
            await DatabaseLocator.MigrateAsync(template);
            _templateReady = true;
        }
        finally { TemplateLock.Release(); }
    }

    private static async Task<string> StartServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        if (!string.IsNullOrEmpty(configured)) return configured;
        var folder = Directory.CreateTempSubdirectory("productclassifier-test-");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
        var cluster = new LocalPostgres(Path.Combine(folder.FullName, "postgres"), LocalPostgres.FreePort(), throwaway: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { cluster.Destroy(); folder.Delete(recursive: true); };
        return await cluster.EnsureStartedAsync();
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

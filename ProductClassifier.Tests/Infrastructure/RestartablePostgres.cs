using Npgsql;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of the test class's own, migrated, that a test may stop and start again like
/// <c>./pc db stop; ./pc db start</c>, without disturbing the shared cluster the other tests use.
/// </summary>
public sealed class RestartablePostgres : IDatabaseUnderTest
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pc-outage-");
    private LocalPostgres? _cluster;

    public string ConnectionString { get; private set; } = "";

    public ClassifierDb Open() => ClassifierDbOptions.Create(ConnectionString);

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_folder.FullName, (UnixFileMode)0b111_101_101);
        _cluster = new LocalPostgres(Path.Combine(_folder.FullName, "postgres"), LocalPostgres.FreePort(), throwaway: true);
        // A short connect timeout, as an outage test wants to see refusals quickly rather than wait on them.
        ConnectionString = new NpgsqlConnectionStringBuilder(await _cluster.EnsureStartedAsync()) { Timeout = 5 }.ConnectionString;
        await DatabaseLocator.MigrateAsync(ConnectionString);
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut), as <c>./pc db stop</c> does.</summary>
    public void Stop() => _cluster!.Stop();

    public Task StartAsync() => _cluster!.EnsureStartedAsync();

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster?.Destroy();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

using Npgsql;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Core.Data;

/// <summary>
/// The local cluster <c>./run</c> makes: a password is required (scram-sha-256, never trust), the secret is in a
/// file only its owner reads, and commits are synchronous except in throwaway test clusters. Each test makes a
/// cluster of its own in a temporary folder.
/// </summary>
public sealed class LocalPostgresTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pc-local-cluster-");
    private readonly List<LocalPostgres> _clusters = [];

    public LocalPostgresTests()
    {
        // The service user (postgres, when run as root) must reach the cluster's folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_folder.FullName, (UnixFileMode)0b111_101_101);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var cluster in _clusters) cluster.Destroy();
        _folder.Delete(recursive: true);
    }

    private LocalPostgres Cluster(bool throwaway)
    {
        var cluster = new LocalPostgres(Path.Combine(_folder.FullName, $"postgres-{_clusters.Count}"), LocalPostgres.FreePort(), throwaway);
        _clusters.Add(cluster);
        return cluster;
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    /// <summary>The connection string without the password file: what another local user or program could try.</summary>
    private static string WithoutPassword(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Passfile = null, Pooling = false }.ConnectionString;

    private static void AssertSecured(LocalPostgres cluster, string connectionString)
    {
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cluster.PasswordFile));
        Assert.DoesNotContain(File.ReadAllText(cluster.PasswordFile).Trim().Split(':')[^1], connectionString);
        var refused = Assert.ThrowsAny<NpgsqlException>(() => ScalarAsync(WithoutPassword(connectionString), "SELECT 1").GetAwaiter().GetResult());
        Assert.Contains("password", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Runs_cluster_requires_a_password_kept_in_an_owner_only_file_and_commits_synchronously()
    {
        var cluster = Cluster(throwaway: false);

        var connectionString = await cluster.EnsureStartedAsync();

        AssertSecured(cluster, connectionString);
        Assert.Equal("0", await ScalarAsync(connectionString, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'"));
        Assert.Equal("scram-sha-256", await ScalarAsync(connectionString, "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules"));
        Assert.Equal("on", await ScalarAsync(connectionString, "SHOW synchronous_commit"));
    }

    [Fact]
    public async Task A_cluster_made_with_trust_gets_a_password_on_its_next_start_and_keeps_its_data()
    {
        var cluster = Cluster(throwaway: true);
        var connectionString = await cluster.EnsureStartedAsync();
        await ScalarAsync(connectionString, "CREATE TABLE kept AS SELECT 42 AS answer");
        // As an earlier version made it: trust for every connection, no password file.
        cluster.Stop();
        var hba = Path.Combine(cluster.DataDir, "pg_hba.conf");
        File.WriteAllLines(hba, File.ReadAllLines(hba).Select(l => l.Replace("scram-sha-256", "trust")));
        File.Delete(cluster.PasswordFile);

        connectionString = await cluster.EnsureStartedAsync();

        AssertSecured(cluster, connectionString);
        Assert.Equal("42", await ScalarAsync(connectionString, "SELECT answer FROM kept"));
        Assert.Equal("off", await ScalarAsync(connectionString, "SHOW synchronous_commit")); // a throwaway cluster stays fast
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Data;

/// <summary>
/// Database:Migrate=false leaves migrations to one explicit step (compose's migrate service), and readiness says so
/// while they are missing.
/// </summary>
public sealed class MigrationSwitchTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string _name = "pc_empty_" + Guid.NewGuid().ToString("N")[..10];
    private string Admin => new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
    private string Empty => new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = _name, Pooling = false }.ConnectionString;

    [Fact]
    public async Task With_migrations_off_nothing_is_migrated_and_the_database_is_not_ready_until_the_migrate_step_runs()
    {
        var off = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseLocator.MigrateKey] = "false" }).Build();
        var check = new DatabaseHealthCheck(new Contexts(Empty));

        await DatabaseLocator.PrepareAsync(off, Empty);
        var before = await check.CheckHealthAsync(new HealthCheckContext());
        await DatabaseLocator.PrepareAsync(new ConfigurationBuilder().Build(), Empty);
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("migrations not applied", before.Description);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        await using var db = ClassifierDbOptions.Create(Empty);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    public async Task InitializeAsync() => await ExecuteAsync($"CREATE DATABASE {_name}");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private sealed class Contexts(string connectionString) : IDbContextFactory<ClassifierDb>
    {
        public ClassifierDb CreateDbContext() => ClassifierDbOptions.Create(connectionString);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

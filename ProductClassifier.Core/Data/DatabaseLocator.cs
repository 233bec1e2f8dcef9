using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ProductClassifier.Core.Data;

/// <summary>
/// Finds the database: <c>ConnectionStrings:Postgres</c> when configured, else the project's local
/// cluster (started when not running), and brings its schema up to date.
/// </summary>
public static class DatabaseLocator
{
    public static async Task<string> ResolveAsync(IConfiguration configuration, Action<string>? say = null,
        CancellationToken ct = default)
    {
        var configured = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var local = LocalPostgres.ForProject(ProjectRoot.Find());
        var connectionString = await local.EnsureStartedAsync(ct);
        if (local.RelocatedFrom is not null)
            say?.Invoke($"The postgres user cannot reach {local.RelocatedFrom}; the local cluster lives in {local.DataDir}.");
        return connectionString;
    }

    /// <summary>Turns off <see cref="PrepareAsync"/>'s migrations: where many replicas start together, one migrate step runs first.</summary>
    public const string MigrateKey = "Database:Migrate";

    /// <summary>Migrates the database unless <c>Database:Migrate</c> is false.</summary>
    public static Task PrepareAsync(IConfiguration configuration, string connectionString, CancellationToken ct = default) =>
        configuration.GetValue(MigrateKey, defaultValue: true) ? MigrateAsync(connectionString, ct) : Task.CompletedTask;

    public static async Task MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var db = ClassifierDbOptions.Create(connectionString);
        await db.Database.MigrateAsync(ct);
    }
}

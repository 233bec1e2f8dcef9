using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Health;

/// <summary>Ready when Postgres answers and its schema has every migration this build knows (else the migrate step has not run).</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<ClassifierDb> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("Postgres does not answer.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Postgres answers; the schema is current.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations not applied (the last: {pending[^1]}): run `pc db migrate`.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Postgres: {e.Message}", e);
        }
    }
}

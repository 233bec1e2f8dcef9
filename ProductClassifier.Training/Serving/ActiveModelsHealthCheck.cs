using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProductClassifier.Training.Serving;

/// <summary>The classify API is ready when every catalogue's active model is loaded, so the first request does not wait for it.</summary>
public sealed class ActiveModelsHealthCheck(ClassifierService classifier) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var loaded = await classifier.LoadActiveModelsAsync(cancellationToken);
            return HealthCheckResult.Healthy(loaded.Count == 0 ? "no active model yet" : $"active models loaded: {string.Join(", ", loaded)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"an active model cannot be loaded: {e.Message}", e);
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Ready when every catalogue's similarity index can be opened and counted: the embedded graph memory-mapped (or none
/// published yet), or the Elasticsearch alias answering with these credentials.
/// </summary>
public sealed class SimilarityIndexHealthCheck(IDbContextFactory<ClassifierDb> databases, SimilarityIndexes indexes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string[] catalogues;
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            catalogues = await db.Catalogues.OrderBy(c => c.Name).Select(c => c.Name).ToArrayAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"cannot list the catalogues: {e.Message}", e);
        }
        var loaded = new List<string>();
        foreach (var catalogue in catalogues)
        {
            try
            {
                loaded.Add($"{catalogue}: {await indexes.Reader(catalogue).CountAsync(cancellationToken):N0}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"the similarity index of '{catalogue}' cannot be read: {e.Message}", e);
            }
        }
        return HealthCheckResult.Healthy(loaded.Count == 0 ? "no catalogues yet" : $"products indexed: {string.Join(", ", loaded)}");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// Ready when the similarity index every catalogue serves (its chosen embedding's, once published) can be opened and counted: the embedded graph memory-mapped (or none
/// published yet), or the Elasticsearch alias answering with these credentials.
/// </summary>
public sealed class SimilarityIndexHealthCheck(IDbContextFactory<ClassifierDb> databases, SimilarityIndexes indexes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        (string Name, SimilarityEmbedding Embedding)[] catalogues;
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var served = await db.SimilaritySettings.Where(s => s.ServedEmbedding != null)
                .ToDictionaryAsync(s => s.CatalogueId, s => s.ServedEmbedding!.Value, cancellationToken);
            catalogues = (await db.Catalogues.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
                .Select(c => (c.Name, served.GetValueOrDefault(c.Id, indexes.Options.Embedding))).ToArray();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"cannot list the catalogues: {e.Message}", e);
        }
        var loaded = new List<string>();
        foreach (var (catalogue, embedding) in catalogues)
        {
            try
            {
                loaded.Add($"{catalogue}: {await indexes.Reader(catalogue, embedding).CountAsync(cancellationToken):N0}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"the similarity index of '{catalogue}' cannot be read: {e.Message}", e);
            }
        }
        return HealthCheckResult.Healthy(loaded.Count == 0 ? "no catalogues yet" : $"products indexed: {string.Join(", ", loaded)}");
    }
}

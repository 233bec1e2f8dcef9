using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Training.Pipeline;

/// <summary>
/// Writes a model version's categories for products to <c>predictions</c> (those above their served thresholds, most
/// probable first, at most <paramref name="top"/>): what the product list and the labelling cards show.
/// </summary>
public sealed class PredictionWriter(ClassifierDb db, Catalogue catalogue, TrainedClassifier classifier, ModelVersion version, int top = 10)
{
    private Dictionary<string, int>? _categoryIds;

    /// <summary>Scores the given corpus rows and upserts their predictions.</summary>
    public async Task WriteAsync(Corpus corpus, FeatureSet features, IReadOnlyList<int> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        _categoryIds ??= await db.Categories.Where(c => c.CatalogueId == catalogue.Id).ToDictionaryAsync(c => c.Path, c => c.Id, ct);
        var probabilities = classifier.Predict(features, rows);
        var json = rows.Select((_, r) => JsonSerializer.Serialize(classifier.AboveThreshold(probabilities, r).Take(top)
            .Select(x => new
            {
                categoryId = _categoryIds.GetValueOrDefault(x.Category.Path),
                path = x.Category.Path,
                probability = Math.Round(x.Probability, 4)
            }))).ToArray();
        await UpsertAsync(rows.Select(r => corpus.Products[r].Id).ToArray(), json, ct);
    }

    private async Task UpsertAsync(long[] productIds, string[] categories, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO predictions (product_id, model_version_id, categories, predicted_at)
                SELECT id, @version, categories::jsonb, now() FROM unnest(@ids, @categories) AS u(id, categories)
                ON CONFLICT (product_id) DO UPDATE SET model_version_id = excluded.model_version_id,
                    categories = excluded.categories, predicted_at = excluded.predicted_at
                """, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.AddWithValue("version", version.Id);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = productIds });
            command.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = categories });
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

using System.Text.Json;
using Npgsql;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Core.Labelling;

/// <summary>Reads what a card shows, in one round trip: product, position, prediction, rule labels, fired rules, the
/// labeller's decision.</summary>
internal static class LabellingCards
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<LabellingItem> LoadAsync(QueueSession session, (long Id, int Round) batch, long productId,
        string labeller, DateTime? leaseExpiresAt, IReadOnlyList<int>? previousDecision, CancellationToken ct)
    {
        await using var commands = await session.BatchAsync(Statements, ct, ("batch", batch.Id), ("product", productId), ("labeller", labeller));
        await using var reader = await commands.ExecuteReaderAsync(ct);

        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"Product {productId} is not in batch {batch.Id}.");
        var card = new ProductCard(productId, Text(reader, 0), Text(reader, 1), Text(reader, 2), Text(reader, 3),
            reader.IsDBNull(4) ? null : reader.GetDecimal(4), Text(reader, 5), Text(reader, 6), Attributes(reader.GetString(7)));
        var (position, total) = (reader.GetInt32(8) + 1, (int)reader.GetInt64(9));

        await reader.NextResultAsync(ct);
        IReadOnlyList<PredictedCategory> predictions = [];
        int? version = null;
        if (await reader.ReadAsync(ct))
        {
            predictions = JsonSerializer.Deserialize<List<PredictedCategory>>(reader.GetString(0), Json) ?? [];
            version = reader.GetInt32(1);
        }

        await reader.NextResultAsync(ct);
        var ruleLabels = new List<CategoryRef>();
        while (await reader.ReadAsync(ct)) ruleLabels.Add(new CategoryRef(reader.GetInt32(0), reader.GetString(1)));

        await reader.NextResultAsync(ct);
        var fired = new List<FiredRule>();
        while (await reader.ReadAsync(ct))
            fired.Add(new FiredRule(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                new CategoryRef(reader.GetInt32(3), reader.GetString(4))));

        await reader.NextResultAsync(ct);
        var decided = await reader.ReadAsync(ct) ? reader.GetFieldValue<int[]>(0) : null;

        return new LabellingItem(batch.Id, batch.Round, position, total, card, predictions, version, ruleLabels, fired,
            previousDecision ?? decided, leaseExpiresAt);
    }

    private static readonly string[] Statements =
    [
        """
        SELECT p.title, p.description, p.brand, p.merchant, p.price, p.currency, p.image_ref, p.attributes::text, i.position,
               (SELECT count(*) FROM batch_items WHERE batch_id = @batch)
        FROM products p JOIN batch_items i ON i.product_id = p.id AND i.batch_id = @batch WHERE p.id = @product
        """,
        """
        SELECT pr.categories::text, v.number FROM predictions pr JOIN model_versions v ON v.id = pr.model_version_id
        WHERE pr.product_id = @product AND v.is_active
        """,
        """
        SELECT DISTINCT c.id, c.path FROM rule_labels l JOIN categories c ON c.id = l.category_id
        WHERE l.product_id = @product ORDER BY c.path
        """,
        """
        SELECT r.code, r.field, r.terms, c.id, c.path FROM rule_labels l
        JOIN rules r ON r.id = l.rule_id AND r.category_id = l.category_id JOIN categories c ON c.id = r.category_id
        WHERE l.product_id = @product ORDER BY r.code
        """,
        """
        SELECT positive_category_ids FROM label_decisions
        WHERE product_id = @product AND batch_id = @batch AND labeller = @labeller AND NOT is_resolution
        ORDER BY decided_at DESC LIMIT 1
        """,
    ];

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static IReadOnlyDictionary<string, string> Attributes(string json) =>
        CorpusLoader.ParseAttributes(json).ToDictionary(a => a.Key,
            a => a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString() ?? "" : a.Value.GetRawText());
}

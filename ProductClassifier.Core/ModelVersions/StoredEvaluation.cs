using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Core.ModelVersions;

/// <summary>
/// Reads a version's stored evaluation (<see cref="ModelVersion.Metrics"/>, the shape <c>./pc evaluate --json</c> writes:
/// <c>{"models": [{"model", "sets": {"ruleTest", "groundTruth"}}]}</c>) one model at a time: Postgres picks the model
/// out of the JSON, so a page never loads the other members' per-category results.
/// </summary>
public static class StoredEvaluation
{
    /// <summary>The ensemble a version serves, under this name in its evaluation.</summary>
    public const string Served = "ensemble";

    /// <summary>The rules themselves, scored as a model.</summary>
    public const string Rules = "rules";

    /// <summary>The rule-labelled test set: what the rules said about the test products, as truth.</summary>
    public const string RuleTest = "ruleTest";

    /// <summary>The ground-truth set: the test products' reference labels, else labellers' decisions.</summary>
    public const string GroundTruth = "groundTruth";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One model's results of the version by set name; empty when the evaluation does not hold the model.</summary>
    public static async Task<IReadOnlyDictionary<string, EvaluationResult>> LoadAsync(ClassifierDb db, int versionId, string model = Served,
        CancellationToken ct = default)
    {
        var json = await ScalarAsync(db, """
            SELECT m -> 'sets' FROM model_versions v, jsonb_array_elements(v.metrics -> 'models') m
            WHERE v.id = @version AND jsonb_typeof(v.metrics -> 'models') = 'array' AND m ->> 'model' = @model
            LIMIT 1
            """, ct, ("version", versionId), ("model", model));
        return json is null ? new Dictionary<string, EvaluationResult>()
            : JsonSerializer.Deserialize<Dictionary<string, EvaluationResult>>(json, Json) ?? [];
    }

    /// <summary>The served ensemble's macro- and micro-F1 on both sets, per version of the catalogue (without the categories).</summary>
    public static async Task<IReadOnlyDictionary<int, VersionScores>> ScoresAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default)
    {
        var scores = new Dictionary<int, VersionScores>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT v.id,
                       (m -> 'sets' -> 'groundTruth' ->> 'macroF1')::float8, (m -> 'sets' -> 'groundTruth' ->> 'microF1')::float8,
                       (m -> 'sets' -> 'ruleTest' ->> 'macroF1')::float8, (m -> 'sets' -> 'ruleTest' ->> 'microF1')::float8
                FROM model_versions v
                LEFT JOIN LATERAL (
                    SELECT e AS m FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.metrics -> 'models') = 'array'
                        THEN v.metrics -> 'models' ELSE '[]'::jsonb END) e
                    WHERE e ->> 'model' = @model LIMIT 1) served ON true
                WHERE v.catalogue_id = @catalogue
                """;
            Add(command, "catalogue", catalogueId);
            Add(command, "model", Served);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                scores[reader.GetInt32(0)] = new VersionScores(Read(reader, 1), Read(reader, 2), Read(reader, 3), Read(reader, 4));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return scores;

        static double? Read(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);
    }

    private static async Task<string?> ScalarAsync(ClassifierDb db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters) Add(command, name, value);
            return await command.ExecuteScalarAsync(ct) as string;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

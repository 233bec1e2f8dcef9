using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Jobs;

/// <summary>
/// Jobs that must run one after another (featurize, then train, then predict…), whichever worker takes each: only the
/// first is queued, carrying the rest in its parameters (<c>"then"</c>); when a job succeeds, its worker queues the next
/// with the remainder (<see cref="ContinueAsync"/>). A failed or cancelled job ends its chain, so nothing runs on the
/// output of a step that never finished. Each queued step records the job it follows (<c>"after"</c>), so a job run
/// twice (its worker died after queuing the next) does not queue the next twice.
/// </summary>
public static class JobChain
{
    public const string Then = "then";
    public const string After = "after";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parameters as a JSON object, in the web naming the handlers read (camelCase).</summary>
    public static JsonObject Parameters(object parameters) =>
        JsonSerializer.SerializeToNode(parameters, Json) as JsonObject
        ?? throw new ArgumentException("Job parameters must serialise to a JSON object.", nameof(parameters));

    /// <summary>Queues the first step; the others follow it, each once the one before has succeeded.</summary>
    public static Task<Job> QueueAsync(ClassifierDb db, int catalogueId, IReadOnlyList<JobStep> steps, CancellationToken ct = default)
    {
        if (steps.Count == 0) throw new ArgumentException("A chain needs at least one step.", nameof(steps));
        return new JobQueue(db).EnqueueAsync(catalogueId, steps[0].Kind, Compose(steps[0], steps.Skip(1), after: null), ct);
    }

    /// <summary>The steps still to come after the job with these parameters.</summary>
    public static IReadOnlyList<JobStep> Remaining(string parametersJson) =>
        JsonNode.Parse(parametersJson) is JsonObject parameters && parameters[Then] is JsonArray then
            ? then.OfType<JsonObject>().Select(step => new JobStep(
                step["kind"]?.GetValue<string>() ?? throw new InvalidOperationException($"A chained job step has no kind: {step.ToJsonString()}"),
                step["parameters"] as JsonObject)).ToList()
            : [];

    /// <summary>
    /// After <paramref name="finished"/> succeeded: queues the next step of its chain, unless there is none or it was queued
    /// already. Returns the job queued, or null.
    /// </summary>
    public static async Task<Job?> ContinueAsync(ClassifierDb db, Job finished, CancellationToken ct = default)
    {
        var remaining = Remaining(finished.Parameters);
        if (remaining.Count == 0) return null;
        var afterId = finished.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var queued = await db.Jobs.FromSql($"SELECT * FROM jobs WHERE parameters ->> {After} = {afterId}").AsNoTracking().AnyAsync(ct);
        if (queued) return null;
        return await new JobQueue(db).EnqueueAsync(finished.CatalogueId, remaining[0].Kind, Compose(remaining[0], remaining.Skip(1), finished.Id), ct);
    }

    private static string Compose(JobStep step, IEnumerable<JobStep> then, long? after)
    {
        var parameters = step.Parameters?.DeepClone().AsObject() ?? [];
        var rest = new JsonArray(then.Select(s => (JsonNode)new JsonObject
        {
            ["kind"] = s.Kind,
            ["parameters"] = s.Parameters?.DeepClone(),
        }).ToArray());
        if (rest.Count > 0) parameters[Then] = rest;
        else parameters.Remove(Then);
        if (after is { } id) parameters[After] = id;
        return parameters.ToJsonString();
    }
}

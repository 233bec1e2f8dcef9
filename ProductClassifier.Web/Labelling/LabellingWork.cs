using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Web.Labelling;

/// <summary>A catalogue with an open round, as the labelling page offers it.</summary>
public sealed record OpenRoundChoice(string Catalogue, int Round, int Total, int Decided);

/// <summary>
/// Where a labeller's work is: the catalogues with an open round and, where none is open, when the next one is
/// expected (from the jobs that will open it and how long such jobs took before). Thread-safe.
/// </summary>
public sealed class LabellingWork(IDbContextFactory<ClassifierDb> dbs, TimeProvider clock)
{
    /// <summary>Catalogues with an open round, the most recently used first.</summary>
    public async Task<IReadOnlyList<OpenRoundChoice>> OpenRoundsAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await (from b in db.LabellingBatches
                      join c in db.Catalogues on b.CatalogueId equals c.Id
                      where b.ResultVersionId == null
                      orderby c.TouchedAt descending, c.Id descending, b.Round
                      select new OpenRoundChoice(c.Name, b.Round, db.BatchItems.Count(i => i.BatchId == b.Id),
                          db.BatchItems.Count(i => i.BatchId == b.Id && db.LabelDecisions.Any(d => d.ProductId == i.ProductId && d.BatchId == b.Id))))
            .ToListAsync(ct);
    }

    /// <summary>What the labeller is told when the catalogue has no open round: whether and when the next one comes.</summary>
    public async Task<string> NextRoundAsync(int catalogueId, string catalogueName, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var active = await db.Jobs.AsNoTracking().Where(j => j.CatalogueId == catalogueId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .OrderBy(j => j.Id).ToListAsync(ct);
        var lastRound = await db.LabellingBatches.Where(b => b.CatalogueId == catalogueId).MaxAsync(b => (int?)b.Round, ct) ?? 0;
        foreach (var job in active)
        {
            var steps = Steps(job);
            var opening = steps.IndexOf(JobKinds.OpenRound);
            if (opening < 0) continue;
            var eta = await EstimateAsync(db, catalogueId, job, steps.Take(opening + 1).Skip(1).ToList(), ct);
            var what = job.Kind switch
            {
                JobKinds.OpenRound => $"round {lastRound + 1} is being picked now",
                JobKinds.FineTuneRound => $"the model is learning from round {lastRound}'s labels; round {lastRound + 1} opens after that",
                _ => $"the worker is preparing the catalogue ({string.Join(", then ", steps.Take(opening))}); round {lastRound + 1} opens after that",
            };
            return $"No round of '{catalogueName}' is open yet: {what}{eta}. This page shows it when it opens.";
        }
        return $"'{catalogueName}' has no open labelling round, and none is planned: a data scientist opens the next one on the Rounds page.";
    }

    /// <summary>The job's kind, then the kinds its chain and its own follow-up (a fine-tune job opening the next round) still hold.</summary>
    private static List<string> Steps(Job job)
    {
        var steps = new List<string> { job.Kind };
        if (job.Kind == JobKinds.FineTuneRound
            && JsonSerializer.Deserialize<RoundJobParameters>(job.Parameters, new JsonSerializerOptions(JsonSerializerDefaults.Web)) is { OpenNext: true })
            steps.Add(JobKinds.OpenRound);
        steps.AddRange(JobChain.Remaining(job.Parameters).Select(s => s.Kind));
        return steps;
    }

    /// <summary>", in about N min": what the running job has left by its progress, plus how long each step after it took last time.</summary>
    private async Task<string> EstimateAsync(ClassifierDb db, int catalogueId, Job job, IReadOnlyList<string> after, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        TimeSpan? left = job is { Status: JobStatus.Running, StartedAt: { } started, Progress: > 0.02 }
            ? (now - started) * ((1 - job.Progress) / job.Progress)
            : await TypicalAsync(db, catalogueId, job.Kind, ct);
        foreach (var kind in after)
            left = left is { } sum && await TypicalAsync(db, catalogueId, kind, ct) is { } typical ? sum + typical : null;
        return left is { } eta ? $", in about {Math.Max(1, (int)Math.Ceiling(eta.TotalMinutes))} min" : "";
    }

    /// <summary>
    /// The mean run time of the last few succeeded jobs of a kind: the catalogue's own, else any catalogue's (a first start
    /// has no history of its own); null when none ran yet.
    /// </summary>
    private static async Task<TimeSpan?> TypicalAsync(ClassifierDb db, int catalogueId, string kind, CancellationToken ct)
    {
        var finished = db.Jobs.AsNoTracking().Where(j => j.Kind == kind && j.Status == JobStatus.Succeeded && j.StartedAt != null && j.FinishedAt != null);
        var own = finished.Where(j => j.CatalogueId == catalogueId);
        var runs = await (await own.AnyAsync(ct) ? own : finished).OrderByDescending(j => j.Id).Take(5)
            .Select(j => new { j.StartedAt, j.FinishedAt }).ToListAsync(ct);
        return runs.Count == 0 ? null : TimeSpan.FromSeconds(runs.Average(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds));
    }
}

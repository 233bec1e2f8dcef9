using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Web.Rounds;

/// <summary>
/// What the rounds page shows and does: the history with each round's figures, the open round live, the jobs that open
/// and finish rounds. The web app never trains: opening and finishing queue jobs that a worker runs. Thread-safe.
/// </summary>
public sealed class RoundOverview(IDbContextFactory<ClassifierDb> dbs, LabelReview review, LabellingQueueOptions queueOptions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every round of the catalogue, first first (<see cref="RoundHistory"/>).</summary>
    public async Task<IReadOnlyList<RoundRow>> HistoryAsync(int catalogueId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await RoundHistory.OfAsync(db, catalogueId, ct);
    }

    /// <summary>The catalogue's open round with its progress, per labeller and agreement so far; null when none is open.</summary>
    public async Task<OpenRound?> OpenRoundAsync(int catalogueId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var batch = await db.LabellingBatches.AsNoTracking().OpenRound(catalogueId).FirstOrDefaultAsync(ct);
        if (batch is null) return null;
        var total = await db.BatchItems.CountAsync(i => i.BatchId == batch.Id, ct);
        var decided = await db.BatchItems.CountAsync(i => i.BatchId == batch.Id
            && db.LabelDecisions.Any(d => d.ProductId == i.ProductId && d.BatchId == batch.Id), ct);
        var labellers = await db.LabelDecisions.AsNoTracking().Where(d => d.BatchId == batch.Id && !d.IsResolution)
            .GroupBy(d => d.Labeller).Select(g => new LabellerCount(g.Key, g.Select(d => d.ProductId).Distinct().Count()))
            .ToListAsync(ct);
        var agreement = await review.AgreementAsync(catalogueId, batch.Id, ct);
        return new OpenRound(batch.Id, batch.Round, batch.Strategy, batch.CreatedAt, total, decided,
            batch.OverlapFraction ?? queueOptions.OverlapFraction, [.. labellers.OrderByDescending(l => l.Decided).ThenBy(l => l.Labeller)],
            agreement is { Items: > 0 } ? agreement : null);
    }

    /// <summary>The latest job of each round kind (open-round, fine-tune-round), whatever its status.</summary>
    public async Task<(RoundJob? Open, RoundJob? FineTune)> LatestJobsAsync(int catalogueId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        Task<RoundJob?> Latest(string kind) => db.Jobs.AsNoTracking().Where(j => j.CatalogueId == catalogueId && j.Kind == kind)
            .OrderByDescending(j => j.Id).Select(j => new RoundJob(j.Id, j.Kind, j.Status, j.Progress, j.ProgressText, j.Error, j.CreatedAt,
                j.StartedAt, j.FinishedAt)).FirstOrDefaultAsync(ct);
        var open = await Latest(JobKinds.OpenRound);
        return (open, await Latest(JobKinds.FineTuneRound));
    }

    public async Task<RoundSettings> SettingsAsync(int catalogueId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await RoundSettingsStore.GetAsync(db, catalogueId, ct);
    }

    /// <summary>Stores the settings; switching auto-continue on finishes a round that is already fully decided.</summary>
    public async Task<Job?> SaveSettingsAsync(RoundSettings settings, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await RoundSettingsStore.SaveAsync(db, settings, ct);
        return await RoundContinuation.QueueIfDecidedAsync(db, settings.CatalogueId, ct);
    }

    /// <summary>Queues the job that opens a round with these settings (which become the catalogue's for the next rounds).</summary>
    /// <exception cref="UserFacingException">A round is open already, or being opened.</exception>
    public async Task<Job> QueueOpenAsync(RoundSettings settings, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await RoundSettingsStore.SaveAsync(db, settings, ct);
        if (await db.LabellingBatches.OpenRound(settings.CatalogueId).AnyAsync(ct))
            throw new UserFacingException("A round is open already: finish it before opening the next.");
        await RefuseWhileActiveAsync(db, settings.CatalogueId, ct);
        return await new JobQueue(db).EnqueueAsync(settings.CatalogueId, JobKinds.OpenRound,
            JsonSerializer.Serialize(RoundJobParameters.From(settings), Json), ct);
    }

    /// <summary>Queues the fine-tune job that finishes the open round (and opens the next when <paramref name="openNext"/>).</summary>
    /// <exception cref="UserFacingException">No round is open, it has no decision yet, or it is being finished.</exception>
    public async Task<Job> QueueFinishAsync(int catalogueId, bool openNext, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var batch = await db.LabellingBatches.AsNoTracking().OpenRound(catalogueId).FirstOrDefaultAsync(ct)
            ?? throw new UserFacingException("No round is open.");
        if (!await db.LabelDecisions.AnyAsync(d => d.BatchId == batch.Id, ct))
            throw new UserFacingException($"Round {batch.Round} has no decision yet: there is nothing to fine-tune on.");
        await RefuseWhileActiveAsync(db, catalogueId, ct);
        var settings = await RoundSettingsStore.GetAsync(db, catalogueId, ct);
        return await new JobQueue(db).EnqueueAsync(catalogueId, JobKinds.FineTuneRound,
            JsonSerializer.Serialize(RoundJobParameters.From(settings, openNext), Json), ct);
    }

    private static async Task RefuseWhileActiveAsync(ClassifierDb db, int catalogueId, CancellationToken ct)
    {
        var active = await db.Jobs.AsNoTracking().Where(j => j.CatalogueId == catalogueId
                && (j.Kind == JobKinds.OpenRound || j.Kind == JobKinds.FineTuneRound)
                && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .Select(j => new { j.Id, j.Kind }).FirstOrDefaultAsync(ct);
        if (active is not null) throw new UserFacingException($"Job {active.Id} ({active.Kind}) is under way: wait for it to end.");
    }
}

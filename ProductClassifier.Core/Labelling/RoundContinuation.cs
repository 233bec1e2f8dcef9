using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// Auto-continue: a catalogue set to continue by itself (<see cref="RoundSettings.AutoContinue"/>) gets its open round
/// finished (fine-tuned, the next round opened) as soon as every item of the batch has a decision. Callers check after a
/// decision that may have been the last (the labelling page, <c>./pc round oracle</c>) and when auto-continue is switched
/// on; the check queues at most one fine-tune job however many of them race.
/// </summary>
public static class RoundContinuation
{
    /// <summary>Queues the fine-tune job that finishes the open round when it is time to; returns it, or null.</summary>
    public static async Task<Job?> QueueIfDecidedAsync(ClassifierDb db, int catalogueId, CancellationToken ct = default)
    {
        var settings = await db.RoundSettings.AsNoTracking().SingleOrDefaultAsync(s => s.CatalogueId == catalogueId, ct);
        if (settings is not { AutoContinue: true }) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('round-continuation'), {catalogueId})", ct);
        var open = await db.LabellingBatches.AsNoTracking().OpenRound(catalogueId).FirstOrDefaultAsync(ct);
        if (open is null || !await IsFullyDecidedAsync(db, open.Id, ct)) return null;
        if (await db.Jobs.AnyAsync(j => j.CatalogueId == catalogueId && j.Kind == JobKinds.FineTuneRound
                && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running), ct))
            return null;
        var job = await new JobQueue(db).EnqueueAsync(catalogueId, JobKinds.FineTuneRound,
            JsonSerializer.Serialize(RoundJobParameters.From(settings), new JsonSerializerOptions(JsonSerializerDefaults.Web)), ct);
        await transaction.CommitAsync(ct);
        return job;
    }

    /// <summary>Whether every item of the batch has at least one decision (an overlap item's second is not waited for).</summary>
    public static async Task<bool> IsFullyDecidedAsync(ClassifierDb db, long batchId, CancellationToken ct = default) =>
        await db.BatchItems.AnyAsync(i => i.BatchId == batchId, ct)
        && !await db.BatchItems.AnyAsync(i => i.BatchId == batchId
            && !db.LabelDecisions.Any(d => d.ProductId == i.ProductId && d.BatchId == i.BatchId), ct);
}

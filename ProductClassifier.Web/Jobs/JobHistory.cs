using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Web.Jobs;

/// <summary>Reads job events back from Postgres as hub messages.</summary>
internal static class JobHistory
{
    public static async Task<IReadOnlyList<JobEventMessage>> ReadAsync(ClassifierDb db, long jobId, CancellationToken ct)
    {
        var events = await db.JobEvents.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Id).ToListAsync(ct);
        return events.Select(ToMessage).ToList();
    }

    public static async Task<JobEventMessage?> ReadOneAsync(ClassifierDb db, long eventId, CancellationToken ct) =>
        await db.JobEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, ct) is { } e ? ToMessage(e) : null;

    private static JobEventMessage ToMessage(JobEvent e)
    {
        using var payload = JsonDocument.Parse(e.Payload);
        return new JobEventMessage(e.Id, e.JobId, e.Type, payload.RootElement.Clone(), DateTime.SpecifyKind(e.At, DateTimeKind.Utc));
    }
}

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Jobs;

/// <summary>Records a job's events and notifies listeners in the same statement, so what is announced is always stored.</summary>
public sealed class JobEvents(ClassifierDb db)
{
    public Task AddAsync(long jobId, JobEventPayload payload, CancellationToken ct = default)
    {
        var type = JobEventKinds.Of(payload);
        var json = JobEventJson.Serialize(payload);
        return db.Database.ExecuteSqlAsync($"""
            WITH inserted AS (
                INSERT INTO job_events (job_id, at, type, payload) VALUES ({jobId}, now(), {type}, {json}::jsonb)
                RETURNING id, job_id, type)
            SELECT pg_notify({JobEvent.Channel}, json_build_object('id', id, 'jobId', job_id, 'type', type)::text) FROM inserted
            """, ct);
    }
}

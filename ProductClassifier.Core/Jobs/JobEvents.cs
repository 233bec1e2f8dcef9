using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Jobs;

/// <summary>Records a job's events and notifies listeners in the same statement, so what is announced is always stored.</summary>
public sealed class JobEvents(ClassifierDb db)
{
    public Task AddAsync(long jobId, string type, string payloadJson, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"""
            WITH inserted AS (
                INSERT INTO job_events (job_id, at, type, payload) VALUES ({jobId}, now(), {type}, {payloadJson}::jsonb)
                RETURNING id, job_id, type)
            SELECT pg_notify({JobEvent.Channel}, json_build_object('id', id, 'jobId', job_id, 'type', type)::text) FROM inserted
            """, ct);
}

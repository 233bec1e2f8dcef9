using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Jobs;

/// <summary>
/// <c>/hubs/training</c>: live status, progress and metrics of background jobs, relayed from the workers' Postgres
/// notifications by <see cref="JobEventRelay"/>. Signed-in data scientists and admins, or their API keys.
/// </summary>
[Authorize(Roles = Roles.Science)]
public sealed class TrainingHub(IDbContextFactory<ClassifierDb> dbs) : Hub<ITrainingClient>
{
    public const string Path = "/hubs/training";

    /// <summary>The group of every job's status and progress (the jobs page).</summary>
    public const string AllJobs = "jobs";

    public static string GroupOf(long jobId) => $"job-{jobId}";

    /// <summary>
    /// Streams <paramref name="jobId"/>'s events from now on and returns those recorded so far; a message that arrives
    /// while the history is read may be in both (the event id tells them apart).
    /// </summary>
    public async Task<IReadOnlyList<JobEventMessage>> Subscribe(long jobId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(jobId), Context.ConnectionAborted);
        await using var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted);
        if (!await db.Jobs.AnyAsync(j => j.Id == jobId, Context.ConnectionAborted)) throw new HubException($"No job {jobId}.");
        return await JobHistory.ReadAsync(db, jobId, Context.ConnectionAborted);
    }

    public Task Unsubscribe(long jobId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(jobId));

    /// <summary>Status and progress of every job.</summary>
    public Task SubscribeAll() => Groups.AddToGroupAsync(Context.ConnectionId, AllJobs);
}

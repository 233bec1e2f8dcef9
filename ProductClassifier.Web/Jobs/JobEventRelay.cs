using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Jobs;

namespace ProductClassifier.Web.Jobs;

/// <summary>
/// LISTENs on Postgres' <c>job_events</c> channel, where workers announce each event they store, and relays the events
/// to the hub's groups and to <see cref="JobNotifier"/>. Reconnects when the connection drops.
/// </summary>
internal sealed class JobEventRelay(
    IDbContextFactory<ClassifierDb> dbs, IHubContext<TrainingHub, ITrainingClient> hub, JobNotifier notifier, ILogger<JobEventRelay> logger)
    : BackgroundService
{
    private readonly Channel<long> _eventIds = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), RelayAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        string connectionString;
        await using (var db = await dbs.CreateDbContextAsync(ct)) connectionString = db.Database.GetConnectionString()!;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    using var payload = JsonDocument.Parse(e.Payload);
                    if (payload.RootElement.TryGetProperty("id", out var id)) _eventIds.Writer.TryWrite(id.GetInt64());
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {JobEvent.Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listening for job events failed; retrying in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task RelayAsync(CancellationToken ct)
    {
        await foreach (var eventId in _eventIds.Reader.ReadAllAsync(ct))
        {
            try
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                if (await JobHistory.ReadOneAsync(db, eventId, ct) is not { } message) continue;
                await SendAsync(message);
                notifier.Publish(message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Relaying job event {Event} failed", eventId);
            }
        }
    }

    private Task SendAsync(JobEventMessage message)
    {
        var job = hub.Clients.Group(TrainingHub.GroupOf(message.JobId));
        var all = hub.Clients.Group(TrainingHub.AllJobs);
        return message.Type switch
        {
            JobEventKinds.Status => Task.WhenAll(job.JobStatus(message.ToStatus()), all.JobStatus(message.ToStatus())),
            JobEventKinds.Progress => Task.WhenAll(job.JobProgress(message.ToProgress()), all.JobProgress(message.ToProgress())),
            _ => job.JobMetrics(message.ToMetrics()),
        };
    }
}

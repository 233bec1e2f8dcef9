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
/// to the hub's groups and to <see cref="JobNotifier"/>. When the connection drops (a database restart) it reconnects
/// with growing pauses and then relays, from the table, every event stored while it was away, so none is missed.
/// </summary>
internal sealed class JobEventRelay(
    IDbContextFactory<ClassifierDb> dbs, IHubContext<TrainingHub, ITrainingClient> hub, JobNotifier notifier, ILogger<JobEventRelay> logger)
    : BackgroundService
{
    private readonly Channel<long> _eventIds = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    // The newest event announced to this relay, or stored when it first listened (pages read older ones themselves);
    // null until then. Written by the listening loop only (notifications arrive while it waits).
    private long? _lastAnnounced;

    // Events relayed lately: one both announced and caught up after a reconnect is relayed once.
    private readonly HashSet<long> _relayed = [];
    private readonly Queue<long> _relayedOrder = new();
    private const int RelayedRemembered = 4096;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), RelayAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        string connectionString;
        await using (var db = await dbs.CreateDbContextAsync(ct)) connectionString = db.Database.GetConnectionString()!;
        var backoff = Backoff.ForDatabase();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    using var payload = JsonDocument.Parse(e.Payload);
                    if (!payload.RootElement.TryGetProperty("id", out var id)) return;
                    _lastAnnounced = Math.Max(_lastAnnounced ?? 0, id.GetInt64());
                    _eventIds.Writer.TryWrite(id.GetInt64());
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {JobEvent.Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                await CatchUpAsync(ct);
                backoff.Reset();
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                var pause = backoff.Next();
                if (DatabaseOutage.IsOutage(e)) logger.LogWarning("Listening for job events: database unreachable ({Reason}); retrying in {Pause}", e.Message, pause);
                else logger.LogWarning(e, "Listening for job events failed; retrying in {Pause}", pause);
                await Task.Delay(pause, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// On the first connection, notes the newest stored event; after a reconnect, queues the events stored since the
    /// last one announced, which no one announced to this relay while it was away.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (_lastAnnounced is not { } after)
        {
            _lastAnnounced = await db.JobEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
            return;
        }
        var missed = await db.JobEvents.Where(e => e.Id > after).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        foreach (var id in missed)
        {
            _lastAnnounced = Math.Max(_lastAnnounced ?? 0, id);
            _eventIds.Writer.TryWrite(id);
        }
    }

    private async Task RelayAsync(CancellationToken ct)
    {
        await foreach (var eventId in _eventIds.Reader.ReadAllAsync(ct))
        {
            if (!_relayed.Add(eventId)) continue;
            _relayedOrder.Enqueue(eventId);
            if (_relayedOrder.Count > RelayedRemembered) _relayed.Remove(_relayedOrder.Dequeue());
            try
            {
                var read = await DatabaseOutage.RetryAsync(async token =>
                {
                    await using var db = await dbs.CreateDbContextAsync(token);
                    return await JobHistory.ReadOneAsync(db, eventId, token);
                }, null, ct);
                if (read is not { } message) continue;
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

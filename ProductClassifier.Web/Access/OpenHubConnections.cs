using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ProductClassifier.Web.Access;

/// <summary>
/// The hub connections open in this process; every <see cref="AccessOptions.RevalidationInterval"/> each is checked and
/// those whose sign-in no longer holds are closed, so a connection that only listens stops receiving too.
/// </summary>
internal sealed class OpenHubConnections(AccessCheck check, IOptions<AccessOptions> options, ILogger<OpenHubConnections> log)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public void Add(HubCallerContext connection) => _open[connection.ConnectionId] = connection;

    public void Remove(HubCallerContext connection) => _open.TryRemove(connection.ConnectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidationInterval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                foreach (var connection in _open.Values)
                {
                    if (await check.IsCurrentAsync(connection.User!, ct)) continue;
                    log.LogInformation("Closing hub connection {Connection} of {User}: its sign-in no longer holds",
                        connection.ConnectionId, connection.User?.Identity?.Name);
                    connection.Abort();
                    Remove(connection);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away: every connection is checked again next time, and on its next call.
                log.LogWarning(e, "Could not revalidate the open hub connections");
            }
        }
    }
}

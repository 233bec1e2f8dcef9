using Microsoft.AspNetCore.SignalR;

namespace ProductClassifier.Web.Access;

/// <summary>
/// A hub connection outlives the request that signed it in, so the hubs ask again: a connection whose sign-in no
/// longer holds (account disabled, roles changed, key revoked or expired) is refused on its next call and closed;
/// <see cref="OpenHubConnections"/> closes the idle ones within the revalidation interval.
/// </summary>
internal sealed class HubAccessFilter(AccessCheck check, OpenHubConnections open) : IHubFilter
{
    private static readonly TimeSpan RefusalGrace = TimeSpan.FromMilliseconds(250);

    public const string Refusal = "Your sign-in no longer holds (account disabled, roles changed, or key revoked or expired): sign in or connect again.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocation.Context;
        if (!await check.IsCurrentAsync(caller.User!, caller.ConnectionAborted))
        {
            CloseAfterTheRefusal(caller);
            throw new HubException(Refusal);
        }
        return await next(invocation);
    }

    /// <summary>Closes the connection once the refusal has had time to reach the client, so it learns why.</summary>
    private void CloseAfterTheRefusal(HubCallerContext caller)
    {
        open.Remove(caller);
        _ = Task.Delay(RefusalGrace, caller.ConnectionAborted).ContinueWith(_ => caller.Abort(), TaskScheduler.Default);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (!await check.IsCurrentAsync(context.Context.User!, context.Context.ConnectionAborted)) throw new HubException(Refusal);
        open.Add(context.Context);
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        open.Remove(context.Context);
        return next(context, exception);
    }
}

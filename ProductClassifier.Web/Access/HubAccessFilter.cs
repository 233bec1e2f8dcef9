using Microsoft.AspNetCore.SignalR;

namespace ProductClassifier.Web.Access;

/// <summary>
/// A hub connection outlives the request that signed it in, so the hubs ask again: a connection whose sign-in no
/// longer holds (account disabled, roles changed, key revoked or expired) is refused on its next call and closed;
/// <see cref="OpenHubConnections"/> closes the idle ones within the revalidation interval.
/// </summary>
internal sealed class HubAccessFilter(AccessCheck check, OpenHubConnections open) : IHubFilter
{
    public const string Refusal = "Your sign-in no longer holds (account disabled, roles changed, or key revoked or expired): sign in or connect again.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocation.Context;
        if (!await check.IsCurrentAsync(caller.User!, caller.ConnectionAborted))
        {
            caller.Abort();
            throw new HubException(Refusal);
        }
        return await next(invocation);
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

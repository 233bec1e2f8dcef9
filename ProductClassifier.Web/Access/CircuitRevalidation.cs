using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Access;

/// <summary>
/// An open page (a Blazor circuit) asks every <see cref="AccessOptions.RevalidationInterval"/> whether its sign-in still
/// holds; when an admin disabled the account or changed its roles, the page is signed out at once (the router then
/// sends the person to the sign-in page) instead of working on until the circuit closes.
/// </summary>
internal sealed class CircuitRevalidation(ILoggerFactory loggers, AccessCheck check, IOptions<AccessOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    private readonly ILogger _log = loggers.CreateLogger<CircuitRevalidation>();

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) => StillHoldsAsync(state.User, ct);

    /// <summary>
    /// False only when the database says the sign-in no longer holds. When the database cannot be asked (a restart,
    /// an outage) the page stays signed in and asks again next time: the base class signs out every open page whose
    /// check throws, which would end each labeller's session for a five-second database restart.
    /// </summary>
    internal async Task<bool> StillHoldsAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        try
        {
            return await check.IsCurrentAsync(user, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page closed (or its prerender ended) mid-check; the base class only expects its own TaskCanceledException.
            return true;
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            _log.LogWarning(e, "Could not revalidate the sign-in of {User}: the database did not answer; asking again in {Interval}",
                user.Identity?.Name, RevalidationInterval);
            return true;
        }
    }
}

using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace ProductClassifier.Web.Access;

/// <summary>
/// An open page (a Blazor circuit) asks every <see cref="AccessOptions.RevalidationInterval"/> whether its sign-in still
/// holds; when an admin disabled the account or changed its roles, the page is signed out at once (the router then
/// sends the person to the sign-in page) instead of working on until the circuit closes.
/// </summary>
internal sealed class CircuitRevalidation(ILoggerFactory loggers, AccessCheck check, IOptions<AccessOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        check.IsCurrentAsync(state.User, ct);
}

using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Access;

/// <summary>
/// Signs in a caller by an admin-issued API key: the <c>X-Api-Key</c> header, or for the hubs the <c>access_token</c>
/// query parameter (browsers cannot set headers on WebSockets). The key's role becomes the caller's role.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDbContextFactory<ClassifierDb> dbs)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "ApiKey";

    /// <summary>The key's id, on the principal of a caller signed in by key (rate limits and revalidation go by it).</summary>
    public const string KeyIdClaim = "api-key-id";

    public static int? KeyIdOf(ClaimsPrincipal user) =>
        user.FindFirst(KeyIdClaim) is { } claim && int.TryParse(claim.Value, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers[ApiKeys.Header] is [{ Length: > 0 } header]) return header;
        return request.Path.StartsWithSegments("/hubs") && request.Query["access_token"] is [{ Length: > 0 } token] ? token : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyOf(Request) is not { } secret) return AuthenticateResult.NoResult();
        await using var db = await dbs.CreateDbContextAsync(Context.RequestAborted);
        if (await new ApiKeys(db).FindAsync(secret, Context.RequestAborted) is not { } key)
            return AuthenticateResult.Fail("Unknown, revoked or expired API key.");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"api-key:{key.Name}"), new Claim(ClaimTypes.Role, key.Role),
            new Claim(KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture))], Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name));
    }
}

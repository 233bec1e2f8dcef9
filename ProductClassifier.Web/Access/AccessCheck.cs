using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Access;

/// <summary>
/// Whether a sign-in still holds: a person's account exists, is enabled and has the security stamp the sign-in was
/// made with (a role change, a disable or a new password change the stamp); a key is neither revoked nor expired.
/// Asked by open pages (<see cref="CircuitRevalidation"/>) and hub connections (<see cref="HubAccessFilter"/>).
/// </summary>
internal sealed class AccessCheck(IDbContextFactory<ClassifierDb> dbs, IOptions<IdentityOptions> identity)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (ApiKeyAuthenticationHandler.KeyIdOf(user) is { } keyId) return await new ApiKeys(db).IsUsableAsync(keyId, ct);

        var claims = identity.Value.ClaimsIdentity;
        var (id, stamp) = (user.FindFirstValue(claims.UserIdClaimType), user.FindFirstValue(claims.SecurityStampClaimType));
        if (id is null || stamp is null) return false;
        var now = DateTimeOffset.UtcNow;
        return await db.Users.AnyAsync(u => u.Id == id && u.SecurityStamp == stamp && (u.LockoutEnd == null || u.LockoutEnd <= now), ct);
    }
}

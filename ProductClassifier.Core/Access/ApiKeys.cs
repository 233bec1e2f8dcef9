using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Core.Access;

/// <summary>Issues and checks API keys (header <c>X-Api-Key</c>).</summary>
public sealed class ApiKeys(ClassifierDb db)
{
    public const string Header = "X-Api-Key";

    /// <summary>A new key for <paramref name="role"/>; the returned secret is not stored and cannot be shown again.</summary>
    /// <param name="lifetime">How long the key works from now; null: until revoked.</param>
    public async Task<(ApiKey Key, string Secret)> IssueAsync(string name, string role, TimeSpan? lifetime = null, CancellationToken ct = default)
    {
        if (!Roles.ForKeys.Contains(role)) throw new UserFacingException($"Unknown role '{role}' for a key: use {string.Join(", ", Roles.ForKeys)}.");
        if (lifetime <= TimeSpan.Zero) throw new UserFacingException($"A key's lifetime must be positive, not {lifetime}.");
        var secret = "pc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = DateTime.UtcNow;
        var key = new ApiKey { Name = name, Role = role, Hash = HashOf(secret), CreatedAt = now, ExpiresAt = now + lifetime };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key, secret);
    }

    /// <summary>The key's record when the secret is a valid key, neither revoked nor expired; else null.</summary>
    public Task<ApiKey?> FindAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret)) return Task.FromResult<ApiKey?>(null);
        var hash = HashOf(secret);
        var now = DateTime.UtcNow;
        return db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct);
    }

    /// <summary>Whether key <paramref name="id"/> still works (an open connection signed in with it asks again).</summary>
    public Task<bool> IsUsableAsync(int id, CancellationToken ct = default)
    {
        var now = DateTime.UtcNow;
        return db.ApiKeys.AnyAsync(k => k.Id == id && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct);
    }

    private static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

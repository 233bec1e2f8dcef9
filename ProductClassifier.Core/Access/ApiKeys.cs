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
    public async Task<(ApiKey Key, string Secret)> IssueAsync(string name, string role, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role)) throw new UserFacingException($"Unknown role '{role}': use {string.Join(", ", Roles.All)}.");
        var secret = "pc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var key = new ApiKey { Name = name, Role = role, Hash = HashOf(secret) };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key, secret);
    }

    /// <summary>The key's record when the secret is a valid, unrevoked key; else null.</summary>
    public Task<ApiKey?> FindAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret)) return Task.FromResult<ApiKey?>(null);
        var hash = HashOf(secret);
        return db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
    }

    private static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

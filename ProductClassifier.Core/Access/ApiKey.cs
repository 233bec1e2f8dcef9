namespace ProductClassifier.Core.Access;

/// <summary>An API key issued by an admin: only its SHA-256 hash is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }

    /// <summary>One of <see cref="Roles.ForKeys"/>: what the key may do.</summary>
    public required string Role { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RevokedAt { get; set; }

    /// <summary>When the key stops working; null: it works until revoked.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Whether the key works at <paramref name="now"/>: neither revoked nor expired.</summary>
    public bool IsUsable(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

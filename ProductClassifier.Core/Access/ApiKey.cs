namespace ProductClassifier.Core.Access;

/// <summary>An API key issued by an admin: only its SHA-256 hash is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }

    /// <summary>Labeller, DataScientist or Admin: what the key may do.</summary>
    public required string Role { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RevokedAt { get; set; }
}

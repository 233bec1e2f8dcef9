namespace ProductClassifier.Core.Labelling;

/// <summary>
/// A labeller's hold on one slot of a batch item: leased until <see cref="LeaseExpiresAt"/>, then decided or skipped.
/// Every item has slot 0; an overlap item also has slot 1, so two different labellers decide it (for agreement).
/// A live row (not skipped; decided, or leased and unexpired) occupies its slot; an expired undecided row is
/// deleted when another labeller takes the slot, and until then its labeller resumes it.
/// </summary>
public sealed class Assignment
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public long ProductId { get; set; }

    /// <summary>The labeller's user name.</summary>
    public required string Labeller { get; set; }
    public int Slot { get; set; }

    /// <summary>When the labeller was handed the item (reset by an undo): the start of their time on it.</summary>
    public DateTime LeasedAt { get; set; }
    public DateTime LeaseExpiresAt { get; set; }

    /// <summary>When the labeller first decided the item; re-deciding it from the history keeps this time.</summary>
    public DateTime? DecidedAt { get; set; }

    /// <summary>Set when the labeller skipped the item: the slot returns to the pool, never to them.</summary>
    public DateTime? SkippedAt { get; set; }
}

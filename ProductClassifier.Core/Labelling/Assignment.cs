namespace ProductClassifier.Core.Labelling;

/// <summary>
/// One slot of a batch item in the labelling queue: every item has slot 0, an overlap item also slot 1, so two
/// different labellers decide it (for agreement). A slot is free (no <see cref="Labeller"/>), leased until
/// <see cref="LeaseExpiresAt"/>, or decided. An expired lease stays with its labeller, who resumes it, until another
/// labeller claims the slot. The queue creates an open batch's slots the first time it hands out an item.
/// </summary>
public sealed class Assignment
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public long ProductId { get; set; }
    public int Slot { get; set; }

    /// <summary>The batch item's position, copied so the queue hands out free slots in order from one index.</summary>
    public int Position { get; set; }

    /// <summary>The user name of the labeller holding or having decided the slot; null while it is free.</summary>
    public string? Labeller { get; set; }

    /// <summary>When the labeller was handed the item (reset by an undo): the start of their time on it.</summary>
    public DateTime? LeasedAt { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>When the labeller first decided the item; re-deciding it from the history keeps this time.</summary>
    public DateTime? DecidedAt { get; set; }

    /// <summary>Labellers who skipped the slot: it went back to the pool, and never goes back to them.</summary>
    public string[] SkippedBy { get; set; } = [];
}

namespace ProductClassifier.Core.Labelling;

/// <summary>
/// One labelling round of a catalogue: the batch picked with the active model, waiting for labels, then the
/// fine-tuned model version it produced. Persisted, so a round survives restarts of any process.
/// </summary>
public sealed class LabellingBatch
{
    public long Id { get; set; }
    public int CatalogueId { get; set; }
    public int Round { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The query strategy that picked the batch (uncertainty-disagreement, random, …).</summary>
    public string Strategy { get; set; } = "uncertainty-disagreement";

    /// <summary>
    /// The base seed of the round's random draws (picking, replay, fine-tuning), each derived from it and the round
    /// number the same way the simulation derives them (<c>RoundSeeds</c>), so a round can be replayed.
    /// </summary>
    public int Seed { get; set; } = 1;

    /// <summary>The share of the batch's items given to two labellers (agreement); null: the queue's configured share.</summary>
    public double? OverlapFraction { get; set; }

    /// <summary>The model version whose predictions picked the batch.</summary>
    public int? PickedWithVersionId { get; set; }

    /// <summary>The model version fine-tuned on the batch's labels; null while the round is open.</summary>
    public int? ResultVersionId { get; set; }
    public DateTime? FinishedAt { get; set; }

    public bool IsOpen => ResultVersionId is null;
}

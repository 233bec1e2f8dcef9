namespace ProductClassifier.Core.Labelling;

/// <summary>
/// A true label that came with an imported data set. Used to evaluate and as a simulation's oracle,
/// never to train: only labellers' decisions (and rule labels) train models.
/// </summary>
public sealed class ReferenceLabel
{
    public long ProductId { get; set; }
    public int CategoryId { get; set; }
}

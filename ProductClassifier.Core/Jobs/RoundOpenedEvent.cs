using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>An open-round job opened labelling round <paramref name="Round"/> (batch <paramref name="Batch"/>) of <paramref name="Items"/> products.</summary>
public sealed record RoundOpenedEvent(int Round, long Batch, int Items, string Strategy) : JobEventPayload
{
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"round {Round} open: {Items:N0} products picked by {Strategy}");
}

using System.Globalization;

namespace ProductClassifier.Core.Jobs;

/// <summary>A predict job wrote the predictions of <paramref name="Products"/> products.</summary>
public sealed record PredictionsEvent(int Version, int Products, double ProductsPerSecond) : JobEventPayload
{
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"model v{Version} scored {Products:N0} products ({ProductsPerSecond:N0} a second)");
}

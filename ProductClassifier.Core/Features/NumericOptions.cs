namespace ProductClassifier.Core.Features;

/// <summary>Defaults for <see cref="Representation.Numeric"/> columns.</summary>
public sealed record NumericOptions
{
    /// <summary><c>standard</c> (mean / standard deviation) or <c>robust</c> (median / interquartile range).</summary>
    public string Scaler { get; init; } = "standard";

    /// <summary>Apply sign(x)·ln(1+|x|) before scaling; suits prices and counts.</summary>
    public bool Log { get; init; }
}

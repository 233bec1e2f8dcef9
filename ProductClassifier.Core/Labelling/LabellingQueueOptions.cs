using System.ComponentModel.DataAnnotations;

namespace ProductClassifier.Core.Labelling;

/// <summary>How the labelling queue hands out items; bound from the <c>Labelling</c> configuration section.</summary>
public sealed record LabellingQueueOptions
{
    public const string Section = "Labelling";

    /// <summary>How long an item stays with a labeller who neither decides nor skips it before it returns to the pool.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The fraction of items given to two different labellers, to measure their agreement.</summary>
    [Range(0.0, 1.0)]
    public double OverlapFraction { get; init; } = 0.1;
}

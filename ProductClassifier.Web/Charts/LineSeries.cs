namespace ProductClassifier.Web.Charts;

/// <summary>One line of a <see cref="LineChart"/>.</summary>
/// <param name="Name">What the line's points say in their tooltips ("fasttext fold 2/3").</param>
/// <param name="Group">The legend entry that shows or hides it, and gives its colour: a member, say, whose train and
/// validation lines or folds are shown and hidden together.</param>
public sealed record LineSeries(string Name, string Group, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>Drawn dashed (e.g. validation beside training).</summary>
    public bool Dashed { get; init; }

    /// <summary>Drawn thin and pale (e.g. the folds behind a member's final run).</summary>
    public bool Faint { get; init; }
}

/// <summary>A point of a <see cref="LineSeries"/>.</summary>
public sealed record ChartPoint(double X, double Y);

namespace ProductClassifier.Web.Rounds;

/// <summary>One line of <see cref="LabelCurveChart"/>: macro-F1 (y) against human labels (x), in label order.</summary>
public sealed record CurveSeries(string Name, IReadOnlyList<CurvePoint2> Points, bool Dashed = false);

/// <summary>A point of a <see cref="CurveSeries"/>.</summary>
public readonly record struct CurvePoint2(double Labels, double MacroF1);

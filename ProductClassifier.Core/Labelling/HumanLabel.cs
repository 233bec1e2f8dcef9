namespace ProductClassifier.Core.Labelling;

/// <summary>
/// A product's human label from all its decisions: an admin's resolution when there is one; else the labellers'
/// decision when one labeller decided or all who did agree (each labeller's latest counts); else none, since an
/// unresolved conflict teaches nothing reliable.
/// </summary>
public static class HumanLabel
{
    /// <returns>The positive categories, sorted; null when there is no label.</returns>
    public static int[]? Choose(IEnumerable<LabelDecision> decisions)
    {
        var all = decisions.ToList();
        if (all.Where(d => d.IsResolution).MaxBy(d => (d.DecidedAt, d.Id)) is { } resolution) return Normalise(resolution);
        var choices = all.GroupBy(d => d.Labeller).Select(g => Normalise(g.MaxBy(d => (d.DecidedAt, d.Id))!)).ToList();
        return choices.Count > 0 && choices.All(c => c.SequenceEqual(choices[0])) ? choices[0] : null;
    }

    private static int[] Normalise(LabelDecision decision) => decision.PositiveCategoryIds.Distinct().Order().ToArray();
}

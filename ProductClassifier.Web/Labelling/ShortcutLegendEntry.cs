namespace ProductClassifier.Web.Labelling;

/// <summary>One line of the shortcuts legend: the keys as shown on screen, and what they do.</summary>
public sealed record ShortcutLegendEntry(IReadOnlyList<string> Keys, string Description);

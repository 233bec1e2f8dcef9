namespace ProductClassifier.Web.Labelling;

/// <summary>A category as the picker needs it.</summary>
/// <param name="Path">Names from the root joined by " &gt; ".</param>
/// <param name="Depth">1 at the top level.</param>
public sealed record PickerCategory(int Id, int? ParentId, string Name, string Path, int Depth);

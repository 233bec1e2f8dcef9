namespace ProductClassifier.Web.Labelling;

/// <summary>A key's action; <see cref="Number"/> is the suggestion's number for <see cref="LabellingAction.ToggleSuggestion"/>.</summary>
public readonly record struct Shortcut(LabellingAction Action, int Number = 0)
{
    public static Shortcut None { get; } = new(LabellingAction.None);
}

namespace ProductClassifier.Web.Labelling;

/// <summary>What a key does on the labelling page.</summary>
public enum LabellingAction
{
    None,
    AcceptAndNext,

    /// <summary>Toggle suggestion <see cref="Shortcut.Number"/> (1–9) of the card.</summary>
    ToggleSuggestion,
    FocusSearch,
    Skip,
    Undo,
    Previous,
    Next,

    /// <summary>Leave the text box being typed in, so that the other keys work again.</summary>
    LeaveInput,
}

namespace ProductClassifier.Web.Labelling;

/// <summary>
/// The labelling page's keys, by the names the browser gives them (<c>KeyboardEvent.key</c>). Keys typed into a
/// text box are the labeller's text, except Escape, which leaves the box. A key held down repeats only the
/// moves (←/→): a held Enter must not accept a run of products nobody looked at.
/// </summary>
public static class ShortcutMap
{
    /// <summary>Every key name that does something somewhere.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["Enter", "1", "2", "3", "4", "5", "6", "7", "8", "9", "/", "s", "S", "u", "U", "Backspace", "ArrowLeft", "ArrowRight", "Escape"];

    /// <summary>What the shortcuts legend lists, in this order.</summary>
    public static IReadOnlyList<ShortcutLegendEntry> Legend { get; } =
    [
        new(["Enter"], "Accept and next"),
        new(["1–9"], "Toggle suggestion"),
        new(["/"], "Search categories"),
        new(["S"], "Skip"),
        new(["U", "⌫"], "Undo last decision"),
        new(["←", "→"], "Previous / next"),
        new(["Esc"], "Leave the search box"),
    ];

    public static Shortcut ActionFor(string key, bool inInput, bool repeat = false)
    {
        if (inInput) return key == "Escape" ? new(LabellingAction.LeaveInput) : Shortcut.None;
        var shortcut = key switch
        {
            "Enter" => new Shortcut(LabellingAction.AcceptAndNext),
            [>= '1' and <= '9'] => new Shortcut(LabellingAction.ToggleSuggestion, key[0] - '0'),
            "/" => new Shortcut(LabellingAction.FocusSearch),
            "s" or "S" => new Shortcut(LabellingAction.Skip),
            "u" or "U" or "Backspace" => new Shortcut(LabellingAction.Undo),
            "ArrowLeft" => new Shortcut(LabellingAction.Previous),
            "ArrowRight" => new Shortcut(LabellingAction.Next),
            _ => Shortcut.None,
        };
        return repeat && shortcut.Action is not (LabellingAction.Previous or LabellingAction.Next) ? Shortcut.None : shortcut;
    }

    /// <summary>The keys that do <paramref name="action"/> outside text boxes.</summary>
    public static IReadOnlyList<string> KeysFor(LabellingAction action) =>
        [.. Keys.Where(k => ActionFor(k, inInput: false).Action == action)];

    /// <summary>The keys that act in (or out of) a text box: the browser's own handling of these is suppressed.</summary>
    public static IReadOnlyList<string> KeysActing(bool inInput) =>
        [.. Keys.Where(k => ActionFor(k, inInput).Action != LabellingAction.None)];
}

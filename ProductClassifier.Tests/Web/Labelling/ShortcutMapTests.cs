using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

public sealed class ShortcutMapTests
{
    [Theory]
    [InlineData("Enter", LabellingAction.AcceptAndNext)]
    [InlineData("/", LabellingAction.FocusSearch)]
    [InlineData("s", LabellingAction.Skip)]
    [InlineData("S", LabellingAction.Skip)]
    [InlineData("u", LabellingAction.Undo)]
    [InlineData("U", LabellingAction.Undo)]
    [InlineData("Backspace", LabellingAction.Undo)]
    [InlineData("ArrowLeft", LabellingAction.Previous)]
    [InlineData("ArrowRight", LabellingAction.Next)]
    [InlineData("Escape", LabellingAction.None)]
    [InlineData("x", LabellingAction.None)]
    [InlineData("0", LabellingAction.None)]
    [InlineData("ArrowUp", LabellingAction.None)]
    [InlineData("Tab", LabellingAction.None)]
    [InlineData("", LabellingAction.None)]
    public void Maps_keys_outside_text_boxes(string key, LabellingAction expected) =>
        Assert.Equal(new Shortcut(expected), ShortcutMap.ActionFor(key, inInput: false));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("2", 2)]
    [InlineData("3", 3)]
    [InlineData("4", 4)]
    [InlineData("5", 5)]
    [InlineData("6", 6)]
    [InlineData("7", 7)]
    [InlineData("8", 8)]
    [InlineData("9", 9)]
    public void Digits_toggle_the_suggestion_with_that_number(string key, int number) =>
        Assert.Equal(new Shortcut(LabellingAction.ToggleSuggestion, number), ShortcutMap.ActionFor(key, inInput: false));

    [Theory]
    [InlineData("Enter")]
    [InlineData("1")]
    [InlineData("9")]
    [InlineData("/")]
    [InlineData("s")]
    [InlineData("S")]
    [InlineData("u")]
    [InlineData("U")]
    [InlineData("Backspace")]
    [InlineData("ArrowLeft")]
    [InlineData("ArrowRight")]
    public void Keys_typed_into_a_text_box_are_text(string key) =>
        Assert.Equal(Shortcut.None, ShortcutMap.ActionFor(key, inInput: true));

    [Fact]
    public void Escape_in_a_text_box_leaves_it() =>
        Assert.Equal(new Shortcut(LabellingAction.LeaveInput), ShortcutMap.ActionFor("Escape", inInput: true));

    [Theory]
    [InlineData("Enter")]
    [InlineData("1")]
    [InlineData("s")]
    [InlineData("u")]
    [InlineData("Backspace")]
    [InlineData("/")]
    public void A_held_key_does_not_repeat_a_decision(string key) =>
        Assert.Equal(Shortcut.None, ShortcutMap.ActionFor(key, inInput: false, repeat: true));

    [Theory]
    [InlineData("ArrowLeft", LabellingAction.Previous)]
    [InlineData("ArrowRight", LabellingAction.Next)]
    public void A_held_arrow_keeps_moving(string key, LabellingAction expected) =>
        Assert.Equal(expected, ShortcutMap.ActionFor(key, inInput: false, repeat: true).Action);

    [Fact]
    public void Tells_the_browser_exactly_the_keys_that_act()
    {
        Assert.Equal(["Escape"], ShortcutMap.KeysActing(inInput: true));
        var outside = ShortcutMap.KeysActing(inInput: false);
        Assert.Equal(18, outside.Count);
        Assert.DoesNotContain("Escape", outside);
        Assert.All(outside, k => Assert.NotEqual(LabellingAction.None, ShortcutMap.ActionFor(k, inInput: false).Action));
    }
}

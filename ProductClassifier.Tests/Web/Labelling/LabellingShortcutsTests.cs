using Bunit;
using Microsoft.JSInterop;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

public sealed class LabellingShortcutsTests
{
    private sealed class Fixture : IAsyncDisposable
    {
        public readonly BunitContext Context = LabellingTestContext.Create();
        public readonly BunitJSModuleInterop Module;
        public readonly List<string> Calls = [];
        public readonly IRenderedComponent<LabellingShortcuts> Shortcuts;

        public Fixture(bool disabled = false)
        {
            Module = Context.JSInterop.SetupModule(LabellingShortcuts.ModulePath);
            Module.Setup<int>("listen", _ => true).SetResult(42);
            Module.SetupVoid("stop", 42).SetVoidResult();
            Module.SetupVoid("leaveInput").SetVoidResult();
            Shortcuts = Context.Render<LabellingShortcuts>(p => p
                .Add(s => s.Disabled, disabled)
                .Add(s => s.SearchBox, CategoryPicker.SearchBoxSelector)
                .Add(s => s.OnAcceptAndNext, () => Calls.Add("accept"))
                .Add(s => s.OnToggleSuggestion, (int n) => Calls.Add($"toggle {n}"))
                .Add(s => s.OnFocusSearch, () => Calls.Add("search"))
                .Add(s => s.OnSkip, () => Calls.Add("skip"))
                .Add(s => s.OnUndo, () => Calls.Add("undo"))
                .Add(s => s.OnPrevious, () => Calls.Add("previous"))
                .Add(s => s.OnNext, () => Calls.Add("next")));
        }

        public Task PressAsync(string key, bool inInput = false, bool repeat = false) =>
            Shortcuts.InvokeAsync(() => Shortcuts.Instance.OnKeyAsync(key, inInput, repeat));

        public ValueTask DisposeAsync() => Context.DisposeAsync();
    }

    [Fact]
    public async Task Listens_on_the_document_for_the_keys_that_act()
    {
        await using var f = new Fixture();

        var listen = f.Module.VerifyInvoke("listen");

        Assert.IsType<DotNetObjectReference<LabellingShortcuts>>(listen.Arguments[0]);
        Assert.Equal(ShortcutMap.KeysActing(inInput: false), (IEnumerable<string>)listen.Arguments[1]!);
        Assert.Equal(["Escape"], (IEnumerable<string>)listen.Arguments[2]!);
        Assert.Equal(["/"], (IEnumerable<string>)listen.Arguments[3]!);
        Assert.Equal("input[data-picker-search]", listen.Arguments[4]);
    }

    [Theory]
    [InlineData("Enter", "accept")]
    [InlineData("1", "toggle 1")]
    [InlineData("5", "toggle 5")]
    [InlineData("9", "toggle 9")]
    [InlineData("/", "search")]
    [InlineData("s", "skip")]
    [InlineData("S", "skip")]
    [InlineData("u", "undo")]
    [InlineData("U", "undo")]
    [InlineData("Backspace", "undo")]
    [InlineData("ArrowLeft", "previous")]
    [InlineData("ArrowRight", "next")]
    public async Task Each_key_raises_its_event(string key, string expected)
    {
        await using var f = new Fixture();

        await f.PressAsync(key);

        Assert.Equal([expected], f.Calls);
    }

    [Fact]
    public async Task Runs_fast_keys_in_the_order_they_were_pressed()
    {
        await using var f = new Fixture();

        await f.PressAsync("2");
        await f.PressAsync("7");
        await f.PressAsync("Enter");

        Assert.Equal(["toggle 2", "toggle 7", "accept"], f.Calls);
    }

    [Fact]
    public async Task Text_typed_into_a_box_raises_nothing_and_escape_leaves_the_box()
    {
        await using var f = new Fixture();

        foreach (var key in new[] { "Enter", "3", "/", "s", "u", "Backspace", "ArrowLeft", "ArrowRight" })
            await f.PressAsync(key, inInput: true);
        await f.PressAsync("Escape", inInput: true);

        Assert.Empty(f.Calls);
        f.Module.VerifyInvoke("leaveInput");
    }

    [Fact]
    public async Task Ignores_keys_while_disabled()
    {
        await using var f = new Fixture(disabled: true);

        await f.PressAsync("Enter");
        await f.PressAsync("1");

        Assert.Empty(f.Calls);
    }

    [Fact]
    public async Task Stops_listening_when_removed()
    {
        var f = new Fixture();

        await f.DisposeAsync();

        Assert.Equal(42, f.Module.VerifyInvoke("stop").Arguments[0]);
    }
}

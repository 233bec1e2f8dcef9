using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ProductClassifier.Web.Labelling;

/// <summary>
/// Listens to the labelling page's keys (<see cref="ShortcutMap"/>) and raises one event per action. It renders
/// nothing; put a <see cref="ShortcutLegend"/> on screen beside it. Actions run one at a time in the order the
/// keys were pressed, so "2 then Enter" typed fast toggles before it accepts.
/// </summary>
public sealed class LabellingShortcuts : ComponentBase, IAsyncDisposable
{
    internal const string ModulePath = "./labelling.js";

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private IJSObjectReference? _module;
    private DotNetObjectReference<LabellingShortcuts>? _self;
    private int? _handle;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Parameter] public EventCallback OnAcceptAndNext { get; set; }

    /// <summary>Raised with the suggestion's number, 1–9 (<see cref="LabelCardModel.CategoryForShortcut"/> gives its category).</summary>
    [Parameter] public EventCallback<int> OnToggleSuggestion { get; set; }

    /// <summary>Raised by "/" when <see cref="SearchBox"/> finds no text box: focus the picker (<see cref="CategoryPicker.FocusSearchAsync"/>).</summary>
    [Parameter] public EventCallback OnFocusSearch { get; set; }

    /// <summary>
    /// CSS selector of the text box "/" focuses (<see cref="CategoryPicker.SearchBoxSelector"/>). The browser focuses it
    /// at once, so that what the labeller types right after lands in it: focused from here, a round trip later, the
    /// first letters would act as shortcuts ("s" skips).
    /// </summary>
    [Parameter] public string? SearchBox { get; set; }
    [Parameter] public EventCallback OnSkip { get; set; }
    [Parameter] public EventCallback OnUndo { get; set; }
    [Parameter] public EventCallback OnPrevious { get; set; }
    [Parameter] public EventCallback OnNext { get; set; }

    /// <summary>While true, keys are ignored (a dialog is open, a save is pending).</summary>
    [Parameter] public bool Disabled { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        _self = DotNetObjectReference.Create(this);
        _handle = await _module.InvokeAsync<int>("listen", _self, ShortcutMap.KeysActing(inInput: false), ShortcutMap.KeysActing(inInput: true),
            ShortcutMap.KeysFor(LabellingAction.FocusSearch), SearchBox);
    }

    /// <summary>Called by labelling.js for each key it forwards.</summary>
    [JSInvokable]
    public async Task OnKeyAsync(string key, bool inInput, bool repeat)
    {
        var shortcut = ShortcutMap.ActionFor(key, inInput, repeat);
        if (shortcut.Action == LabellingAction.None) return;
        await _oneAtATime.WaitAsync();
        try
        {
            if (!Disabled) await RunAsync(shortcut);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task RunAsync(Shortcut shortcut)
    {
        switch (shortcut.Action)
        {
            case LabellingAction.AcceptAndNext: await OnAcceptAndNext.InvokeAsync(); break;
            case LabellingAction.ToggleSuggestion: await OnToggleSuggestion.InvokeAsync(shortcut.Number); break;
            case LabellingAction.FocusSearch: await OnFocusSearch.InvokeAsync(); break;
            case LabellingAction.Skip: await OnSkip.InvokeAsync(); break;
            case LabellingAction.Undo: await OnUndo.InvokeAsync(); break;
            case LabellingAction.Previous: await OnPrevious.InvokeAsync(); break;
            case LabellingAction.Next: await OnNext.InvokeAsync(); break;
            case LabellingAction.LeaveInput when _module is not null: await _module.InvokeVoidAsync("leaveInput"); break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                if (_handle is { } handle) await _module.InvokeVoidAsync("stop", handle);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page's listener with it.
        }
        _self?.Dispose();
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Web.Labelling;

/// <summary>
/// The labelling queue, one product at a time: every decision is saved as it is made and the queue lives in Postgres,
/// so a reload or a lost connection resumes at the same product. While the database is unreachable the page says it
/// is reconnecting and tries the operation again until it goes through: the decision on screen is kept, and it shows
/// as saved (the next product appears) only once it is.
/// </summary>
public sealed partial class LabelPage : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private Catalogue? _catalogue;
    private string _labeller = "";
    private LabellingItem? _item, _prefetch;
    private LabelCardModel? _card;
    private HashSet<int> _selected = [];
    private IReadOnlySet<int> _implied = new HashSet<int>();
    private IReadOnlyList<PickerCategory> _categories = [];
    private IReadOnlyList<int> _recent = [], _frequent = [];
    private LabellingProgress? _progress;
    private CategoryPicker? _picker;
    private string? _message;
    private IReadOnlyList<OpenRoundChoice> _choices = [];
    private bool _busy, _revisiting, _reconnecting;
    private int _refreshes;

    // Where the labeller is in their own history when going back with ←; -1 at the queue's current item.
    private IReadOnlyList<HistoryEntry> _history = [];
    private int _historyIndex = -1;

    [Inject] private LabellingQueue Queue { get; set; } = default!;
    [Inject] private LabellingHistory History { get; set; } = default!;
    [Inject] private LabellingWork Work { get; set; } = default!;
    [Inject] private TaxonomyCache Taxonomies { get; set; } = default!;
    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _labeller = (await Authentication).User.Identity?.Name ?? throw new InvalidOperationException("signed in without a name");
        (_catalogue, _item, _message, _choices) = (null, null, null, []);
        Catalogue? catalogue;
        await using (var db = await Dbs.CreateDbContextAsync())
        {
            if (!await db.Catalogues.AnyAsync()) { _message = "No catalogue yet."; return; }
            var open = await Work.OpenRoundsAsync();
            try
            {
                // No catalogue named: where the work is, else the most recently used catalogue (to say what comes next).
                catalogue = await CatalogueStore.ResolveAsync(db, Catalogue ?? (open.Count == 1 ? open[0].Catalogue : null));
            }
            catch (UserFacingException e)
            {
                // A mistyped ?catalogue= in a link: say so rather than fail the page.
                (_message, _choices) = (e.Message, open);
                return;
            }
            if (Catalogue is null && open.Count > 1)
            {
                (_message, _choices) = ("Rounds are open in several catalogues: choose where to label.", open);
                return;
            }
            if (open.All(o => o.Catalogue != catalogue.Name))
            {
                (_message, _choices) = (await Work.NextRoundAsync(catalogue.Id, catalogue.Name), open);
                return;
            }
        }
        _catalogue = catalogue;
        _categories = await Taxonomies.GetAsync(_catalogue.Id);
        await Run(async () => Show(await Queue.NextAsync(_catalogue.Id, _labeller), revisiting: false));
    }

    private Task AcceptAsync() => _item is null ? Task.CompletedTask : Run(async () =>
    {
        await Queue.DecideAsync(_labeller, _item.Product.Id, _selected);
        // Not NextAsync: Run does nothing while an operation (this one) is under way.
        if (_revisiting) await MoveNextAsync();
        else Show(await Queue.NextAsync(_catalogue!.Id, _labeller), revisiting: false);
    });

    private Task SkipAsync() => _item is null || _revisiting ? Task.CompletedTask : Run(async () =>
    {
        await Queue.SkipAsync(_labeller, _item.Product.Id);
        Show(await Queue.NextAsync(_catalogue!.Id, _labeller), revisiting: false);
    });

    private Task UndoAsync() => Run(async () =>
    {
        if (await Queue.UndoAsync(_catalogue!.Id, _labeller) is { } item) Show(item, revisiting: false);
        else Snackbar.Add("Nothing to undo in this round.", Severity.Info);
    });

    /// <summary>←: the labeller's decision before the one shown, to look at or change.</summary>
    private Task PreviousAsync() => Run(async () =>
    {
        if (_historyIndex < 0) _history = await History.HistoryAsync(_catalogue!.Id, _labeller);
        var index = (_historyIndex < 0 ? _history.Count : _historyIndex) - 1;
        if (index < 0) return;
        _historyIndex = index;
        Show(await History.RevisitAsync(_catalogue!.Id, _labeller, _history[index].ProductId), revisiting: true);
    });

    /// <summary>→: forward through the history, and back to the queue's current item at its end.</summary>
    private Task NextAsync() => Run(MoveNextAsync);

    private async Task MoveNextAsync()
    {
        if (_historyIndex < 0) return;
        _historyIndex++;
        if (_historyIndex < _history.Count)
            Show(await History.RevisitAsync(_catalogue!.Id, _labeller, _history[_historyIndex].ProductId), revisiting: true);
        else
        {
            _historyIndex = -1;
            Show(await Queue.NextAsync(_catalogue!.Id, _labeller), revisiting: false);
        }
    }

    private void ToggleSuggestion(int number)
    {
        if (_item is not null && _card?.CategoryForShortcut(number) is { } category) Toggle(category);
    }

    private void Toggle(int categoryId)
    {
        if (!_selected.Remove(categoryId)) _selected.Add(categoryId);
        _implied = CategoryIndex.For(_categories).Implied(_selected);
    }

    // The picker leaves the page with the last product: its reference would point at a removed component.
    private Task FocusSearchAsync() => _item is not null && _picker is not null ? _picker.FocusSearchAsync() : Task.CompletedTask;

    private void Show(LabellingItem? item, bool revisiting)
    {
        _item = item;
        _revisiting = revisiting && item is not null;
        if (!revisiting) _historyIndex = -1;
        _message = item is null ? "Nothing left for you in this round: every product is decided or held by another labeller." : null;
        if (item is null) return;
        _card = LabelCards.From(item);
        _selected = LabelCards.InitialSelection(item, _card);
        _implied = CategoryIndex.For(_categories).Implied(_selected);
    }

    /// <summary>
    /// Runs a queue operation, one at a time (a click meanwhile is dropped), and shows its outcome at once; then refreshes progress, the prefetched next item and recent categories in a second render. The refresh
    /// is not part of the busy time: the labeller can act on the new card while it loads.
    /// </summary>
    private async Task Run(Func<Task> operation)
    {
        if (_busy || _catalogue is null) return;
        _busy = true;
        try
        {
            try
            {
                await ThroughOutagesAsync(operation);
            }
            catch (UserFacingException e) when (_item is not null)
            {
                // The lease ran out and the product went to someone else, or the like: say so and carry on.
                Snackbar.Add(e.Message, Severity.Warning);
                Show(await Queue.NextAsync(_catalogue.Id, _labeller), revisiting: false);
            }
        }
        catch (UserFacingException e)
        {
            // No open round for the catalogue.
            (_item, _message) = (null, e.Message);
            return;
        }
        finally
        {
            _busy = false;
        }
        StateHasChanged();
        try
        {
            await RefreshAsync();
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            // Only progress and the prefetch are stale; the next operation retries through the outage.
        }
    }

    /// <summary>
    /// Runs the operation again, with growing pauses, while the database cannot be reached, showing "reconnecting"
    /// meanwhile. Queue operations are safe to repeat: a decision is stored once however often it is sent.
    /// </summary>
    private async Task ThroughOutagesAsync(Func<Task> operation)
    {
        var backoff = Backoff.ForDatabase();
        while (true)
        {
            try
            {
                await operation();
                if (_reconnecting) Snackbar.Add("Reconnected: saved.", Severity.Success);
                _reconnecting = false;
                return;
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e) && !_closed.IsCancellationRequested)
            {
                _reconnecting = true;
                StateHasChanged();
                await Task.Delay(backoff.Next(), _closed.Token);
            }
        }
    }

    public void Dispose() => _closed.Cancel();

    /// <summary>Progress, the prefetch and recent categories, read side by side; a later refresh supersedes this one.</summary>
    private async Task RefreshAsync()
    {
        var refresh = ++_refreshes;
        var progress = History.ProgressAsync(_catalogue!.Id, _labeller);
        var prefetch = _revisiting ? Task.FromResult<LabellingItem?>(null) : Queue.PeekNextAsync(_catalogue.Id, _labeller);
        var history = History.HistoryAsync(_catalogue.Id, _labeller);
        await Task.WhenAll(progress, prefetch, history);
        if (refresh != _refreshes) return;
        (_progress, _prefetch) = (await progress, await prefetch);
        if (_progress is { Total: > 0 } batch && batch.Decided >= batch.Total) await ContinueIfDecidedAsync();
        (_recent, _frequent) = RecentAndFrequent(await history);
    }

    /// <summary>The batch is decided: a catalogue set to continue by itself fine-tunes and opens the next round now.</summary>
    private async Task ContinueIfDecidedAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync();
        if (await RoundContinuation.QueueIfDecidedAsync(db, _catalogue!.Id) is not null)
            Snackbar.Add("The round is complete: the model now learns from it, and the next round opens when it is done.", Severity.Success);
    }

    /// <summary>The most specific categories of the labeller's latest decisions, and those they chose most often.</summary>
    private (IReadOnlyList<int> Recent, IReadOnlyList<int> Frequent) RecentAndFrequent(IReadOnlyList<HistoryEntry> history)
    {
        var index = CategoryIndex.For(_categories);
        var leaves = history.Select(h => h.CategoryIds.Except(index.Implied(h.CategoryIds.ToHashSet())).ToList()).ToList();
        var recent = leaves.AsEnumerable().Reverse().SelectMany(l => l).Distinct().Take(8).ToList();
        var frequent = leaves.SelectMany(l => l).GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(8).ToList();
        return (recent, frequent);
    }
}

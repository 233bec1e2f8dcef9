using System.Net;
using System.Text.RegularExpressions;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// One labeller of the load benchmark at the labelling page. The browser's part goes over HTTP to the app on Kestrel
/// with the labeller's own sign-in cookie: the sign-in form, the page itself (prerendered by the server, which runs
/// the page's own code and leases the first item) and each card's image and the next one's. The circuit's part calls
/// the app's own labelling singletons in the order <c>LabelPage</c> does: on Enter <c>DecideAsync</c> then
/// <c>NextAsync</c>, on S <c>SkipAsync</c> then <c>NextAsync</c>, on U <c>UndoAsync</c>; after each, progress, the
/// prefetch and the history side by side.
/// </summary>
internal sealed partial class LoadLabeller(string name, HttpClient http, LabellingQueue queue, LabellingHistory history, LoadRecord record)
{
    public string Name => name;

    /// <summary>Products this labeller decided (and did not undo), for the duplicate count.</summary>
    public HashSet<long> Decided { get; } = [];

    public async Task SignInAsync(string password, CancellationToken ct)
    {
        var form = await http.GetStringAsync("/account/login", ct);
        var response = await record.HttpAsync("POST /account/login", () => http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["Input.UserName"] = name,
            ["Input.Password"] = password,
        }), ct), HttpStatusCode.Redirect);
        if (response != HttpStatusCode.Redirect) throw new InvalidOperationException($"{name} could not sign in: {response}");
    }

    /// <summary>Labels <paramref name="round"/> until <paramref name="until"/> (or the batch runs out); think time uniform 0–2 × <paramref name="thinkMs"/>.</summary>
    public async Task LabelAsync(LabellingBenchmarkRound round, DateTime until, int thinkMs, Random random, CancellationToken ct)
    {
        // The page as the browser loads it: the server's prerender leases the first item; the circuit then resumes it.
        var html = await record.HttpTextAsync("GET /label (prerendered)", () => http.GetAsync($"/label?catalogue={Uri.EscapeDataString(round.Name)}", ct));
        var item = await record.TimeAsync("circuit start: next", () => queue.NextAsync(round.CatalogueId, name, ct));
        if (html is not null && ProductOnCard().Match(html) is { Success: true } shown && item?.Product.Id.ToString() != shown.Groups[1].Value)
            record.Error($"{name}: the page showed product {shown.Groups[1].Value}, the circuit resumed {item?.Product.Id}");
        await RefreshAsync(round, item, ct);
        while (item is not null && DateTime.UtcNow < until && !ct.IsCancellationRequested)
        {
            if (thinkMs > 0) await Task.Delay(random.Next(2 * thinkMs + 1), ct);
            var action = random.Next(100);
            var current = item;
            try
            {
                if (action < 5)
                    item = await record.TimeAsync("S → next card", async () =>
                    {
                        await queue.SkipAsync(name, current.Product.Id, ct);
                        return await queue.NextAsync(round.CatalogueId, name, ct);
                    });
                else if (action < 7 && Decided.Count > 0)
                {
                    item = await record.TimeAsync("U → undone card", () => queue.UndoAsync(round.CatalogueId, name, ct));
                    if (item is not null) Decided.Remove(item.Product.Id);
                }
                else
                {
                    int[] chosen = [.. current.Predictions.Take(1 + random.Next(2)).Select(p => p.CategoryId)];
                    item = await record.TimeAsync("Enter → next card", async () =>
                    {
                        await queue.DecideAsync(name, current.Product.Id, chosen, ct);
                        Decided.Add(current.Product.Id);
                        return await queue.NextAsync(round.CatalogueId, name, ct);
                    });
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Counted, and the labeller carries on as the page would: with the queue's current item.
                record.Error($"{name}: {e.GetType().Name}: {e.Message}");
                item = await queue.NextAsync(round.CatalogueId, name, ct);
            }
            try
            {
                await RefreshAsync(round, item, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                record.Error($"{name} refreshing: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>What follows each action on the page: progress, prefetch and history read side by side, and the browser
    /// loading the card's image and the prefetched one.</summary>
    private async Task RefreshAsync(LabellingBenchmarkRound round, LabellingItem? item, CancellationToken ct)
    {
        var progress = history.ProgressAsync(round.CatalogueId, name, ct: ct);
        var prefetch = queue.PeekNextAsync(round.CatalogueId, name, ct);
        var decisions = history.HistoryAsync(round.CatalogueId, name, ct);
        var image = item is null ? Task.CompletedTask : ImageAsync(item.Product.Id, ct);
        await Task.WhenAll(progress, prefetch, decisions, image);
        if (await prefetch is { } next) await ImageAsync(next.Product.Id, ct);
    }

    private Task ImageAsync(long product, CancellationToken ct) =>
        record.HttpAsync("GET /images/{id}", () => http.GetAsync($"/images/{product}", ct), HttpStatusCode.OK);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("product-card[^\"]*\"[^>]*data-product=\"(\\d+)\"")]
    private static partial Regex ProductOnCard();
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Training.Worker;
using ProductClassifier.Tests.Web.Browser;
using static Microsoft.Playwright.Assertions;

namespace ProductClassifier.Tests.Web.Rounds;

/// <summary>
/// The labelling loop in the browser, end to end, against the app on Kestrel, a real worker and Postgres: a data
/// scientist opens a round on /rounds, a labeller lands on it at /label and labels its batch with the keyboard, the
/// data scientist finishes it and watches the fine-tune job on the page, and the round's row shows the new version.
/// </summary>
public sealed partial class RoundsEndToEndTests(BrowserSite site) : IClassFixture<BrowserSite>, IDisposable
{
    private const int BatchSize = 4;

    /// <summary>Jobs run on a loaded 2-core machine: waits are long, and say what they waited for when they run out.</summary>
    private const float Slow = 180_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("pc-rounds-e2e-").FullName;

    private readonly string _name = "rounds-e2e-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        // The worker caches pretrained features under the project's .data, by catalogue name.
        var features = ProjectRoot.DataFolder("features", _name);
        if (Directory.Exists(features)) Directory.Delete(features, recursive: true);
    }

    [ChromiumFact]
    public async Task A_round_opened_labelled_and_finished_in_the_browser_activates_a_new_version_shown_in_the_rounds_history()
    {
        var catalogue = await DemoCatalogueAsync();
        await using var worker = await StartWorkerAsync();
        await TrainFirstVersionAsync(catalogue);

        // The data scientist opens a round of four, without overlap, on the rounds page.
        await using var scientist = await site.SignedInAsync(Roles.DataScientist);
        var rounds = scientist.Page;
        await rounds.GotoAsync($"/rounds?catalogue={Uri.EscapeDataString(catalogue.Name)}");
        // Typed into before the circuit is up, the prerendered fields would be reset by the first interactive render.
        await Expect(rounds.GetByTestId("rounds-title")).ToHaveAttributeAsync("data-interactive", "on", new() { Timeout = 30_000 });
        await Expect(rounds.GetByTestId("open-form")).ToBeVisibleAsync();
        await FillNumberAsync(rounds, "batch-size", BatchSize);
        await FillNumberAsync(rounds, "overlap", 0);
        await rounds.GetByTestId("open-round-button").ClickAsync();
        await Expect(rounds.GetByTestId("open-round")).ToContainTextAsync("Round 1 is open", new() { Timeout = Slow });
        await Expect(rounds.GetByTestId("open-round-decided")).ToContainTextAsync($"0 / {BatchSize} decided");

        // The labeller opens /label with no catalogue named and lands on the only open round; Enter takes the suggestions.
        await using var labeller = await site.SignedInAsync(Roles.Labeller);
        var label = labeller.Page;
        await label.GotoAsync("/label");
        await label.Locator("html[data-labelling-shortcuts=on]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var i = 0; i < BatchSize; i++)
        {
            var title = label.GetByTestId("title");
            await Expect(title).ToBeVisibleAsync();
            var shown = await title.TextContentAsync();
            await label.Keyboard.PressAsync("Enter");
            if (i < BatchSize - 1) await Expect(title).Not.ToHaveTextAsync(shown!);
        }
        await Expect(label.GetByTestId("queue-message")).ToBeVisibleAsync();

        // The rounds page follows the labelling by itself; the data scientist finishes the round.
        await Expect(rounds.GetByTestId("open-round-decided")).ToContainTextAsync($"{BatchSize} / {BatchSize} decided", new() { Timeout = 30_000 });
        await Expect(rounds.GetByTestId("open-round-labellers")).ToContainTextAsync(labeller.UserName);
        await rounds.Locator("input[data-testid=open-next], [data-testid=open-next] input").First.UncheckAsync();
        await rounds.GetByTestId("finish-round").ClickAsync();

        // The fine-tune job's events arrive on the page as the worker writes them: its loss curve, then its evaluation.
        var fineTune = rounds.GetByTestId("fine-tune");
        await Expect(fineTune).ToContainTextAsync("Loss per epoch", new() { Timeout = Slow });
        await Expect(fineTune.GetByTestId("fine-tune-status")).ToHaveTextAsync(nameof(JobStatus.Succeeded), new() { Timeout = Slow });
        await Expect(fineTune.GetByTestId("job-evaluation")).ToContainTextAsync("model v2");

        await using var db = site.Database.Open();
        var active = await db.ModelVersions.SingleAsync(v => v.CatalogueId == catalogue.Id && v.IsActive);
        Assert.Equal(2, active.Number);
        var round = await db.LabellingBatches.SingleAsync(b => b.CatalogueId == catalogue.Id);
        Assert.Equal(active.Id, round.ResultVersionId);
        Assert.Equal(BatchSize, await db.LabelDecisions.CountAsync(d => d.BatchId == round.Id && d.Labeller == labeller.UserName));

        // Round 1's row: v1 → v2 and the ground-truth figures before and after.
        var row = rounds.GetByTestId("round-history").Locator("tbody tr").First;
        await Expect(row.GetByTestId("round-version")).ToHaveTextAsync(new Regex(@"v1\s*→\s*v2"));
        await Expect(row.GetByTestId("round-macro")).ToHaveTextAsync(Figures());
        await Expect(row.GetByTestId("round-micro")).ToHaveTextAsync(Figures());
        await Expect(rounds.GetByTestId("open-form")).ToBeVisibleAsync();
    }

    /// <summary>"0.412 → 0.431 (+1.9)": both figures there, and the change in points.</summary>
    [GeneratedRegex(@"^\s*\d\.\d{3} → \d\.\d{3} \([+-]?\d+\.\d\)\s*$")]
    private static partial Regex Figures();

    /// <summary>A numeric field of the page, typed into and left (MudBlazor takes the value on change).</summary>
    private static async Task FillNumberAsync(IPage page, string testId, int value)
    {
        var input = page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
        await input.FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
        await Expect(input).ToHaveValueAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<Catalogue> DemoCatalogueAsync()
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(120, Seed: 5));
        await using var db = site.Database.Open();
        return (await new DatasetImporter(db, new ImageStore(site.ImageRoot)).ImportAsync(summary.Folder, true, _name)).Catalogue;
    }

    /// <summary>Version 1 on the rule labels and its predictions, through the worker: what a first start leaves.</summary>
    private async Task TrainFirstVersionAsync(Catalogue catalogue)
    {
        await using var db = site.Database.Open();
        await JobChain.QueueAsync(db, catalogue.Id,
        [
            new JobStep(JobKinds.Train, JobChain.Parameters(new TrainJobHandler.Parameters { Models = ["linear"], Folds = 0, Epochs = 2 })),
            new JobStep(JobKinds.PredictAll),
        ]);
        var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(Slow);
        while (!await db.Jobs.AnyAsync(j => j.CatalogueId == catalogue.Id && j.Kind == JobKinds.PredictAll && j.Status == JobStatus.Succeeded))
        {
            var failed = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.CatalogueId == catalogue.Id && j.Status == JobStatus.Failed);
            Assert.True(failed is null, $"job {failed?.Id} ({failed?.Kind}) failed: {failed?.Error}");
            Assert.True(DateTime.UtcNow < deadline, "version 1 and its predictions were not ready in time");
            await Task.Delay(300);
        }
    }

    private async Task<RunningWorker> StartWorkerAsync()
    {
        var host = WorkerHost.Build(site.Database.ConnectionString, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Root"] = Path.Combine(_folder, "models"),
            ["Images:Root"] = site.ImageRoot,
            ["Similarity:Folder"] = Path.Combine(_folder, "similarity"),
            ["Worker:PollSeconds"] = "0.2",
            ["Worker:HeartbeatSeconds"] = "0.2",
            ["Worker:Device"] = "cpu",
        }).Build());
        await host.StartAsync();
        return new RunningWorker(host);
    }

    /// <summary>Stops the worker before disposing it, so it claims nothing after its test.</summary>
    private sealed class RunningWorker(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}

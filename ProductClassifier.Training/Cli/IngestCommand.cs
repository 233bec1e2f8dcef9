using System.CommandLine;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Core.Jobs;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc ingest --source NAME --feed FILE [--mapping FILE] [--full] [--rejects FILE]</c>.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Network or shop the feed comes from (external ids are unique per source)", Required = true };
        var feed = new Option<string>("--feed") { Description = "Feed file: .csv, .tsv, .jsonl or .ndjson, optionally .gz", Required = true };
        var mapping = new Option<string?>("--mapping") { Description = "Mapping file (JSON) from product fields to the feed's columns or JSON paths (default: identity names)" };
        var full = new Option<bool>("--full") { Description = "The feed lists every product of the source: mark the missing ones gone (they are kept)" };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write skipped rows (default: FEED.rejects.csv beside the feed)" };

        var command = new Command("ingest", "Load a product feed into the catalogue (created when --catalogue names a new one)")
            { source, feed, mapping, full, rejects };
        IngestRequest Request(ParseResult p) => new(p.GetValue(source)!, p.GetValue(feed)!)
        {
            Mapping = p.GetValue(mapping) is { } mappingPath ? FeedMapping.FromFile(mappingPath) : null,
            Full = p.GetValue(full),
            RejectsPath = p.GetValue(rejects),
        };
        command.SetAction(CliHost.WithCatalogue(Request, async (_, request, db, catalogue, ct) =>
        {
            var result = await RunWithProgressAsync(new FeedIngester(db), catalogue, request, ct);
            PrintSummary(catalogue, request, result);
            if (await JobKinds.QueueAfterIngestAsync(db, catalogue, result.ChangedProductIds, ct) is { } job)
                CliHost.Info($"queued job {job.Id} ({job.Kind}) for the {result.ChangedProductIds.Count:N0} new and changed products" +
                    (JobChain.Remaining(job.Parameters).Count > 0 ? ", then their predictions" : ""));
        }, createNamed: true));
        return command;
    }

    private static Task<IngestResult> RunWithProgressAsync(FeedIngester ingester, Catalogue catalogue, IngestRequest request, CancellationToken ct) =>
        CliHost.ProgressConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var reading = context.AddTask("reading feed");
                ProgressTask? merging = null;
                var progress = new InlineProgress<IngestProgress>(update =>
                {
                    reading.MaxValue = Math.Max(1, update.TotalBytes);
                    reading.Value = update.BytesRead;
                    reading.Description = $"reading feed ({update.RowsRead:N0} rows)";
                    if (update.Stage == IngestStage.Merging) merging ??= context.AddTask("merging into the catalogue").IsIndeterminate();
                });
                var result = await ingester.IngestAsync(catalogue, request, progress, ct);
                reading.Value = reading.MaxValue;
                if (merging is not null) merging.Value = merging.MaxValue;
                return result;
            });

    private static void PrintSummary(Catalogue catalogue, IngestRequest request, IngestResult result)
    {
        var table = new Table().Title($"{request.FeedPath} → catalogue '{catalogue.Name}', source '{request.Source}'")
            .AddColumns("read", "inserted", "updated", "unchanged", "rejected", "gone");
        table.AddRow($"{result.Read:N0}", $"{result.Inserted:N0}", $"{result.Updated:N0}", $"{result.Unchanged:N0}",
            $"{result.Rejected:N0}", request.Full ? $"{result.Gone:N0}" : "-");
        AnsiConsole.Write(table);
        if (result.Rejected == 0) return;
        foreach (var reject in result.FirstRejects.Take(5)) AnsiConsole.MarkupLineInterpolated($"[yellow]rejected[/] {reject}");
        if (result.Rejected > 5) AnsiConsole.MarkupLineInterpolated($"… and {result.Rejected - 5:N0} more");
        AnsiConsole.MarkupLineInterpolated($"reject file: {result.RejectFile}");
    }
}

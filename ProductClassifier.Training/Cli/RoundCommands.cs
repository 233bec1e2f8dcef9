using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Learning;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc round open|status|oracle|finish</c>: labelling rounds of a catalogue, persisted in Postgres.</summary>
internal static class RoundCommands
{
    public static Command Create()
    {
        var strategy = new Option<string>("--strategy") { Description = "random, uncertainty, disagreement or uncertainty-disagreement", DefaultValueFactory = _ => "uncertainty-disagreement" };
        var batchSize = new Option<int>("--batch") { Description = "Products per batch", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "The round's base seed (its draws derive from it and the round number, as in ./pc simulate)", DefaultValueFactory = _ => 1 };
        var overlap = new Option<double?>("--overlap") { Description = "Share of the batch two labellers decide, for agreement (default: the Labelling:OverlapFraction setting)" };
        var open = new Command("open", "Pick the next labelling batch with the active model (or show the round already open)") { strategy, batchSize, seed, overlap };
        open.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var batch = await Rounds(db, new NullMetricsSink()).OpenAsync(catalogue, QueryStrategyNames.Parse(p.GetValue(strategy)!),
                p.GetValue(batchSize), p.GetValue(seed), ct, p.GetValue(overlap));
            await PrintAsync(db, catalogue, ct);
            Console.WriteLine($"round {batch.Round} is open");
        }));

        var status = new Command("status", "The catalogue's rounds: batch size, labels so far, resulting model version");
        status.SetAction(CliHost.WithCatalogue((_, db, catalogue, ct) => PrintAsync(db, catalogue, ct)));

        var oracle = new Command("oracle", "Label the open batch from the catalogue's reference labels (simulating labellers on an imported data set)");
        oracle.SetAction(CliHost.WithCatalogue(async (_, db, catalogue, ct) =>
        {
            var batch = await db.LabellingBatches.OpenRound(catalogue.Id).FirstOrDefaultAsync(ct)
                ?? throw new Core.UserFacingException($"Catalogue '{catalogue.Name}' has no open labelling round.");
            var truth = await db.BatchItems.Where(i => i.BatchId == batch.Id)
                .Select(i => new { i.ProductId, Categories = db.ReferenceLabels.Where(l => l.ProductId == i.ProductId).Select(l => l.CategoryId).ToArray() })
                .ToListAsync(ct);
            db.LabelDecisions.AddRange(truth.Where(t => t.Categories.Length > 0).Select(t => new LabelDecision
            { ProductId = t.ProductId, Labeller = "oracle", PositiveCategoryIds = t.Categories, BatchId = batch.Id }));
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"round {batch.Round}: {truth.Count(t => t.Categories.Length > 0)} products labelled from reference labels");
            if (await RoundContinuation.QueueIfDecidedAsync(db, catalogue.Id, ct) is { } job)
                Console.WriteLine($"the batch is decided and '{catalogue.Name}' continues by itself: queued job {job.Id} ({job.Kind})");
        }));

        var finish = new Command("finish", "Fine-tune the ensemble on the human labels so far, evaluate, and activate the new model version");
        finish.SetAction(CliHost.WithCatalogue(async (_, db, catalogue, ct) =>
        {
            var (batch, version, report) = await ConsoleMetricsSink.ShowAsync((sink, _) => Rounds(db, sink).FinishAsync(catalogue, ct));
            EvaluationTable.Print(report);
            Console.WriteLine($"round {batch.Round} finished: model version {version.Number} is active");
        }));

        return new Command("round", "Labelling rounds: pick a batch, label it, fine-tune") { open, status, oracle, finish };
    }

    private static LabellingRounds Rounds(Core.Data.ClassifierDb db, IMetricsSink sink) =>
        new(db, ModelStore.FromConfiguration(CliHost.Configuration), c => CliHost.CorpusAsync(db, c, CancellationToken.None),
            c => CliHost.PretrainedFeatures(c.Name), sink);

    private static async Task PrintAsync(Core.Data.ClassifierDb db, Catalogue catalogue, CancellationToken ct)
    {
        var rows = await db.LabellingBatches.Where(b => b.CatalogueId == catalogue.Id).OrderBy(b => b.Round)
            .Select(b => new
            {
                b.Round,
                b.Strategy,
                b.CreatedAt,
                Items = db.BatchItems.Count(i => i.BatchId == b.Id),
                Labelled = db.BatchItems.Count(i => i.BatchId == b.Id && db.LabelDecisions.Any(d => d.ProductId == i.ProductId)),
                Result = db.ModelVersions.Where(v => v.Id == b.ResultVersionId).Select(v => (int?)v.Number).FirstOrDefault(),
            }).ToListAsync(ct);
        var table = new Table().AddColumns("round", "strategy", "opened", "batch", "labelled", "model version");
        foreach (var r in rows)
            table.AddRow($"{r.Round}", r.Strategy, $"{r.CreatedAt:u}", $"{r.Items}", $"{r.Labelled}", r.Result is { } n ? $"v{n}" : "open");
        AnsiConsole.Write(table);
    }
}

using System.CommandLine;
using System.Globalization;
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

        var simulation = new Option<string?>("--simulation")
        {
            Description = "A ./pc simulate run's curves.csv: its macro-F1 beside each round's, for the round's strategy (averaged over seeds)"
        };
        var status = new Command("status", "The catalogue's rounds: labels so far, model version and ground-truth figures before and after each") { simulation };
        status.SetAction(CliHost.WithCatalogue((p, db, catalogue, ct) => PrintAsync(db, catalogue, ct, p.GetValue(simulation))));

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

    /// <summary>The rounds with their ground-truth figures, as the rounds page lists them; beside a simulation's when given.</summary>
    private static async Task PrintAsync(Core.Data.ClassifierDb db, Catalogue catalogue, CancellationToken ct, string? simulation = null)
    {
        var simulated = simulation is null ? null : CurvesCsv.Parse(await ReadAsync(simulation, ct), simulation);
        var rows = await RoundHistory.OfAsync(db, catalogue.Id, ct);
        var table = new Table().AddColumns("round", "strategy", "opened", "decided", "human labels", "model", "macro-F1 before → after",
            "micro-F1 before → after");
        foreach (var r in rows)
            table.AddRow($"{r.Round}", r.Strategy, $"{r.OpenedAt:u}", $"{r.Decided} / {r.Items}", $"{r.Labels:N0}",
                $"{Version(r.BeforeVersion)} → {(r.IsOpen ? "open" : Version(r.AfterVersion))}",
                $"{F(r.Before?.MacroF1)} → {F(r.After?.MacroF1)}", $"{F(r.Before?.MicroF1)} → {F(r.After?.MicroF1)}");
        AnsiConsole.Write(table);
        if (simulated is null) return;

        var comparison = RoundHistory.AgainstSimulation(rows, simulated);
        var against = new Table().AddColumns("round", "human labels", "app macro-F1", "simulated macro-F1", "app − simulated (points)");
        foreach (var c in comparison)
            against.AddRow($"{c.Round}", $"{c.Labels:N0}", F(c.AppMacroF1), F(c.SimulatedMacroF1),
                c.DifferencePoints is { } d ? d.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "–");
        AnsiConsole.Write(against);
        var differences = comparison.Where(c => c.Round > 0).Select(c => c.DifferencePoints).OfType<double>().ToList();
        if (differences.Count > 0)
            Console.WriteLine(FormattableString.Invariant(
                $"after round 1 onwards: mean |app − simulated| {differences.Average(Math.Abs):F1} points, largest {differences.MaxBy(Math.Abs):+0.0;-0.0;0.0} points"));

        static string Version(int? number) => number is { } n ? $"v{n}" : "–";
        static string F(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "–";
    }

    private static async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new Core.UserFacingException($"--simulation {path}: no such file (a ./pc simulate run writes curves.csv into its --out folder).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Core.UserFacingException($"--simulation {path}: {e.Message}");
        }
    }
}

using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Networks;
using ProductClassifier.Training.Pipeline;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc train</c>, <c>./pc evaluate</c>, <c>./pc predict</c>: model versions of a catalogue.</summary>
internal static class ModelCommands
{
    private static readonly Option<int?> VersionOption = new("--version") { Description = "Model version number (default: the active one)" };

    public static IEnumerable<Command> Create() => [Train(), Evaluate(), Predict(), Versions()];

    private static Command Versions()
    {
        var list = new Command("list", "The catalogue's model versions with their ground-truth macro-F1; the active one is marked");
        list.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var versions = await db.ModelVersions.Where(v => v.CatalogueId == catalogue.Id).OrderBy(v => v.Number).ToListAsync(ct);
            var scores = await StoredEvaluation.ScoresAsync(db, catalogue.Id, ct);
            var table = new Table().AddColumns("version", "active", "created", "device", "ensemble ground-truth macro-F1", "members");
            foreach (var v in versions)
                table.AddRow($"v{v.Number}", v.IsActive ? "yes" : "", $"{v.CreatedAt:u}", v.Device, $"{scores.GetValueOrDefault(v.Id)?.GroundTruthMacroF1:F3}", v.Members);
            AnsiConsole.Write(table);
        }));
        var number = new Argument<int>("VERSION") { Description = "Version number to make active (promote or roll back)" };
        var activate = new Command("activate", "Make a version the active one (promote a new one or roll back to an older one)") { number };
        activate.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var version = await ModelStore.ResolveAsync(db, catalogue, p.GetValue(number), ct);
            await ModelStore.ActivateAsync(db, version, ct);
            Console.WriteLine($"model version {version.Number} of '{catalogue.Name}' is active");
        }));
        return new Command("models", "Model versions: list, activate") { list, activate };
    }

    private static Command Train()
    {
        var models = new Option<string?>("--models") { Description = $"Comma-separated members (default: all: {string.Join(",", ModelRegistry.MemberNames)})" };
        var folds = new Option<int>("--folds") { Description = "Folds for the meta-learner's out-of-fold predictions (<2: averaging only)", DefaultValueFactory = _ => 3 };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per member (default: each model's own, with early stopping)" };
        var config = new Option<string?>("--config") { Description = "Preprocessing config (default: datasets/<catalogue>/preprocessing.json, else inferred)" };
        var ruleDropout = new Option<double>("--rule-dropout") { Description = "Share of rows whose rule firings each member trains without (0–1)", DefaultValueFactory = _ => new TrainRequest(PreprocessingConfig.Defaults()).RuleDropout };
        var noActivate = new Option<bool>("--no-activate") { Description = "Register the new version without making it active" };
        var command = new Command("train", "Train the members and ensembles on rule and human labels, evaluate, save and register a new model version")
            { models, folds, epochs, ruleDropout, config, noActivate, CliHost.DeviceOption };
        double RuleDropout(ParseResult p) => p.GetValue(ruleDropout) is < 0 or > 1
            ? throw new Core.UserFacingException("--rule-dropout must lie between 0 and 1.")
            : p.GetValue(ruleDropout);
        command.SetAction(CliHost.WithCatalogue(RuleDropout, async (p, dropout, db, catalogue, ct) =>
        {
            var corpus = await CliHost.CorpusAsync(db, catalogue, ct);
            var request = new TrainRequest(PreprocessingConfig.Resolve(p.GetValue(config), datasetName: catalogue.Name))
            {
                Models = CliHost.List(p.GetValue(models)) ?? ModelRegistry.MemberNames,
                Folds = p.GetValue(folds),
                Epochs = p.GetValue(epochs),
                Device = p.GetValue(CliHost.DeviceOption),
                RuleDropout = dropout,
            };
            CliHost.Info($"catalogue '{catalogue.Name}': {corpus.Products.Count:N0} products, {corpus.CategoryCount} categories, " +
                $"{corpus.RuleCategories.Count} rules; preprocessing: {request.Config.Source}; device: {TorchRuntime.ResolveDevice(request.Device)}");
            var store = ModelStore.FromConfiguration(CliHost.Configuration);
            // The command line starts afresh each time (its options may differ); resuming is for the worker's jobs.
            var checkpoints = Path.Combine(store.Root, catalogue.Name, "checkpoints", "cli");
            if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
            var started = DateTime.UtcNow;
            var (version, report, served) = await ConsoleMetricsSink.ShowAsync(async (sink, context) =>
            {
                using var pretrained = CliHost.PretrainedFeatures(catalogue.Name, new FeaturizeBar(context));
                return await new VersionTrainer(db, store, sink, pretrained).TrainAsync(catalogue, corpus, request, !p.GetValue(noActivate), checkpoints, ct);
            });
            EvaluationTable.Print(report);
            Console.WriteLine($"model version {version.Number} of '{catalogue.Name}' ({(version.IsActive ? "active" : "not active")}), " +
                $"serving '{served}', trained in {(DateTime.UtcNow - started).TotalMinutes:F1} min: {store.PathOf(version)}");
        }));
        return command;
    }

    private static Command Evaluate()
    {
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file" };
        var store = new Option<bool>("--store") { Description = "Keep the results as the version's evaluation, with its test predictions (the web app's metrics and error lists)" };
        var command = new Command("evaluate", "Evaluate a model version's members, ensembles and the rules on the test products (rule labels and ground truth)")
            { VersionOption, json, store, CliHost.DeviceOption };
        command.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var (corpus, classifier, features) = await LoadAsync(db, catalogue, p, ct);
            using (classifier)
            {
                var test = CorpusSplit.Of(corpus).Test;
                var report = new ModelEvaluator(corpus).Evaluate(classifier.PredictAll(features, test), test, classifier.Thresholds);
                EvaluationTable.Print(report);
                if (p.GetValue(json) is { } path) await File.WriteAllTextAsync(path, report.ToJson(), ct);
                if (p.GetValue(store))
                {
                    var version = await ModelStore.ResolveAsync(db, catalogue, p.GetValue(VersionOption), ct);
                    await ModelStore.StoreEvaluationAsync(db, version, report.ToJson(), report.TestPredictions, ct);
                    CliHost.Info($"stored as the evaluation of model version {version.Number}, with {report.TestPredictions.Count:N0} test predictions");
                }
            }
        }));
        return command;
    }

    private static Command Predict()
    {
        var output = new Option<string?>("--out") { Description = "CSV file to write (default: standard output)" };
        var top = new Option<int>("--top") { Description = "Most categories per product", DefaultValueFactory = _ => 5 };
        var command = new Command("predict", "Score the catalogue's products with a model version: categories above threshold with probabilities")
            { VersionOption, output, top, CliHost.DeviceOption };
        command.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var (corpus, classifier, features) = await LoadAsync(db, catalogue, p, ct);
            using (classifier)
            {
                var rows = Enumerable.Range(0, corpus.Products.Count).ToArray();
                var started = DateTime.UtcNow;
                var probabilities = classifier.Predict(features, rows);
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                await using var writer = p.GetValue(output) is { } path ? new StreamWriter(path) : new StreamWriter(Console.OpenStandardOutput());
                await writer.WriteLineAsync("product,categories");
                foreach (var row in rows)
                {
                    var chosen = classifier.AboveThreshold(probabilities, row).OrderByDescending(x => x.Category.Depth)
                        .Take(p.GetValue(top)).Select(x => $"{x.Category.Path}={x.Probability:F3}");
                    await writer.WriteLineAsync($"{Csv.Field(corpus.Products[row].Key)},{Csv.Field(string.Join("; ", chosen))}");
                }
                CliHost.Info($"{rows.Length:N0} products scored in {seconds:F1}s ({rows.Length / Math.Max(seconds, 1e-6):N0} products/s)");
            }
        }));
        return command;
    }

    private static async Task<(Corpus, TrainedClassifier, FeatureSet)> LoadAsync(ClassifierDb db, Catalogue catalogue, ParseResult p,
        CancellationToken ct)
    {
        var version = await ModelStore.ResolveAsync(db, catalogue, p.GetValue(VersionOption), ct);
        var classifier = TrainedClassifier.Load(ModelStore.FromConfiguration(CliHost.Configuration).PathOf(version), p.GetValue(CliHost.DeviceOption));
        var corpus = await CliHost.CorpusAsync(db, catalogue, ct);
        if (!corpus.Categories.Select(c => c.Path).SequenceEqual(classifier.Categories.Select(c => c.Path)))
            throw new Core.UserFacingException($"The taxonomy of '{catalogue.Name}' changed since model version {version.Number} was trained: train a new version.");
        using var pretrained = CliHost.PretrainedFeatures(catalogue.Name);
        var features = await classifier.FeaturesAsync(corpus.Products, pretrained, ct);
        CliHost.Info($"model version {version.Number} of '{catalogue.Name}'");
        return (corpus, classifier, features);
    }

}

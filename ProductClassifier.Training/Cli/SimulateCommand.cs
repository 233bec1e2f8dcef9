using System.CommandLine;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Training.ActiveLearning;
using ProductClassifier.Training.Learning;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc simulate</c>: active learning replayed in memory against a labelled data set folder (no database).</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var dataset = new Option<string?>("--dataset") { Description = "Data set folder with a dataset.json and reference labels (required unless --replot)" };
        var strategies = new Option<string>("--strategy") { Description = "Comma-separated: random, uncertainty, disagreement, uncertainty-disagreement", DefaultValueFactory = _ => "random,uncertainty,disagreement,uncertainty-disagreement" };
        var rounds = new Option<int>("--rounds") { Description = "Labelling rounds per strategy and seed", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Products labelled per round", DefaultValueFactory = _ => 100 };
        var seeds = new Option<int>("--seeds") { Description = "Repetitions with different random draws", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "Folder for curves.csv, summary.json and curves.svg", DefaultValueFactory = _ => "simulation" };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of products held back for evaluation", DefaultValueFactory = _ => 0.1 };
        var pool = new Option<int>("--pool") { Description = "Unlabelled development products the strategies pick from", DefaultValueFactory = _ => 15_000 };
        var models = new Option<string?>("--models") { Description = $"Comma-separated members (default: {string.Join(",", SimulationOptions.DefaultModels)}; those without inputs are skipped)" };
        var humanWeight = new Option<float>("--human-weight") { Description = "Loss weight of a human label against a rule label", DefaultValueFactory = _ => RoundTuning.Default.HumanWeight };
        var replay = new Option<int>("--replay") { Description = "Rule-labelled rows replayed in each fine-tuning", DefaultValueFactory = _ => RoundTuning.Default.Replay };
        var replayPerCategory = new Option<int>("--replay-per-category") { Description = "Rule positives per category the replay keeps before filling uniformly (0: a uniform sample)", DefaultValueFactory = _ => RoundTuning.Default.ReplayPerCategory };
        var epochs = new Option<int>("--epochs") { Description = "Fine-tuning epochs per round", DefaultValueFactory = _ => RoundTuning.Default.Epochs };
        var fineTuneBatch = new Option<int>("--fine-tune-batch") { Description = "Mini-batch size of the fine-tuning", DefaultValueFactory = _ => RoundTuning.Default.BatchSize };
        var learningRate = new Option<double>("--lr-factor") { Description = "Fine-tuning learning rate as a share of each model's own", DefaultValueFactory = _ => RoundTuning.Default.LearningRateFactor };
        var pretrainEpochs = new Option<int>("--pretrain-epochs") { Description = "Epochs per member of the pre-training on rule labels", DefaultValueFactory = _ => 4 };
        var ruleDropout = new Option<double>("--rule-dropout") { Description = "Share of rows whose rule firings each member pre-trains without (0–1)", DefaultValueFactory = _ => new SimulationOptions().PretrainRuleDropout };
        var importanceCap = new Option<double?>("--importance-cap") { Description = "Clip importance weights (mean 1) to [1/cap, cap] (default: unclipped)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Pre-train again even when .data/simulate holds an ensemble pre-trained with the same settings" };
        var fromPretrained = new Option<bool>("--from-pretrained") { Description = "Fine-tune the rule-trained ensemble afresh each round instead of the last round's" };
        var replot = new Option<bool>("--replot") { Description = "Only redraw summary.json and the chart from the curves.csv already in --out" };
        var topK = new Option<bool>("--top-k") { Description = "Take the top scores instead of importance-weighted sampling" };
        var uncertaintyWeight = new Option<double>("--uncertainty-weight") { Description = "Share of uncertainty in uncertainty-disagreement", DefaultValueFactory = _ => new AcquisitionOptions().UncertaintyWeight };
        var balance = new Option<bool>("--balance-categories") { Description = "Scale each category's uncertainty and disagreement to the mean over categories before aggregating (false: raw values)", DefaultValueFactory = _ => new AcquisitionOptions().BalanceCategories };
        var aggregate = new Option<ScoreAggregation>("--aggregate") { Description = "How per-category scores combine per product: Max, Mean or TopKSum", DefaultValueFactory = _ => new AcquisitionOptions().Aggregation };
        var summed = new Option<int>("--categories-summed") { Description = "Categories TopKSum adds up", DefaultValueFactory = _ => new AcquisitionOptions().TopK };
        var minDistance = new Option<double>("--min-distance") { Description = "Cosine distance (image, else sentence, else tf-idf embedding) under which a candidate counts as a near-duplicate of one already in the batch", DefaultValueFactory = _ => new AcquisitionOptions().MinDistance };
        var floor = new Option<double>("--floor") { Description = "Least sampling score, as a share of the pool's mean score, so every product keeps a chance", DefaultValueFactory = _ => new AcquisitionOptions().Floor };
        var config = new Option<string?>("--config") { Description = "Preprocessing config (default: beside dataset.json, else datasets/<name>/, else inferred)" };
        var distil = new Option<bool>("--distil-replay") { Description = "Replayed products teach each member its own predictions from the round before (false: the rule labels)", DefaultValueFactory = _ => RoundTuning.Default.DistilReplay };
        var ruleTrust = new Option<bool>("--rule-trust") { Description = "With --distil-replay false: weigh replayed rule labels by each category's rule precision and recall on the human labels so far (false: every rule label weighs 1)", DefaultValueFactory = _ => RoundTuning.Default.RuleTrust };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: CUDA when present, else CPU)" };
        var command = new Command("simulate", "Replay active learning against a labelled data set: learning curves per strategy and the label savings against random")
            { dataset, strategies, rounds, batch, seeds, output, testFraction, pool, models, humanWeight, replay, replayPerCategory, epochs, fineTuneBatch, learningRate, pretrainEpochs, ruleDropout, importanceCap, noCache, fromPretrained, replot, topK, uncertaintyWeight, balance, aggregate, summed, minDistance, floor, distil, ruleTrust, config, device };
        command.SetAction(async (p, ct) =>
        {
            if (p.GetValue(replot))
            {
                var earlier = SimulationResult.Read(p.GetValue(output)!);
                await earlier.WriteAsync(p.GetValue(output)!, ct);
                Print(earlier, p.GetValue(output)!);
                return;
            }
            var options = new SimulationOptions
            {
                Strategies = CliHost.List(p.GetValue(strategies)!).Select(QueryStrategyNames.Parse).Distinct().ToList(),
                Rounds = p.GetValue(rounds),
                BatchSize = p.GetValue(batch),
                Seeds = p.GetValue(seeds),
                TestFraction = p.GetValue(testFraction),
                Pool = p.GetValue(pool),
                Tuning = new RoundTuning
                {
                    HumanWeight = p.GetValue(humanWeight),
                    Replay = p.GetValue(replay),
                    ReplayPerCategory = p.GetValue(replayPerCategory),
                    DistilReplay = p.GetValue(distil),
                    RuleTrust = p.GetValue(ruleTrust),
                    Epochs = p.GetValue(epochs),
                    BatchSize = p.GetValue(fineTuneBatch),
                    LearningRateFactor = p.GetValue(learningRate),
                },
                Models = CliHost.List(p.GetValue(models)) ?? SimulationOptions.DefaultModels,
                PretrainEpochs = p.GetValue(pretrainEpochs),
                PretrainRuleDropout = p.GetValue(ruleDropout),
                ImportanceCap = p.GetValue(importanceCap),
                CacheFolder = p.GetValue(noCache) ? null : ProjectRoot.DataFolder("simulate"),
                FromPretrained = p.GetValue(fromPretrained),
                Device = p.GetValue(device),
                Acquisition = new AcquisitionOptions(Sample: !p.GetValue(topK),
                    UncertaintyWeight: p.GetValue(uncertaintyWeight), BalanceCategories: p.GetValue(balance),
                    Aggregation: p.GetValue(aggregate), TopK: p.GetValue(summed), MinDistance: p.GetValue(minDistance), Floor: p.GetValue(floor)),
            };
            Validate(options);
            var folder = p.GetValue(dataset) ?? throw new Core.UserFacingException("--dataset is required: the data set folder to simulate on.");
            var corpus = await DatasetCorpusLoader.LoadAsync(folder, ct);
            var preprocessing = PreprocessingConfig.Resolve(p.GetValue(config), datasetFolder: folder);
            CliHost.Info($"'{corpus.Name}': {corpus.Products.Count:N0} products, {corpus.CategoryCount} categories, {corpus.RuleCategories.Count} rules; " +
                $"preprocessing: {preprocessing.Source}; device: {TorchRuntime.ResolveDevice(options.Device)}");

            IProgress<FeaturizeProgress>? featureBar = null;
            using var pretrained = CliHost.PretrainedFeatures(corpus.Name, new InlineProgress<FeaturizeProgress>(v => featureBar?.Report(v)));
            var runner = new SimulationRunner(options, pretrained);
            var setup = await CliHost.ProgressConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var sink = new ConsoleMetricsSink(context);
                    featureBar = new FeaturizeBar(context);
                    var prepared = await runner.PrepareAsync(corpus, preprocessing, sink, ct);
                    sink.Finish();
                    return prepared;
                });
            using (setup)
            {
                CliHost.Info($"{(setup.CachedIn is null ? "pre-trained" : "loaded")} {string.Join(", ", setup.Pretrained.Members.Select(m => m.Spec.Name))} " +
                    $"{(setup.CachedIn is null ? "on rule labels" : $"pre-trained on rule labels from {setup.CachedIn}")}, prepared in {setup.Preparation.TotalMinutes:F1} min; pool {setup.Pool.Length:N0}, test {setup.Split.Test.Length:N0} products; rules' macro-F1 {setup.RulesMacroF1:F3}");
                var result = await runner.RunAsync(setup, new Progress(), ct);
                await result.WriteAsync(p.GetValue(output)!, ct);
                Print(result, p.GetValue(output)!);
            }
        });
        return command;
    }

    private static void Validate(SimulationOptions options)
    {
        if (options.Rounds < 1 || options.BatchSize < 1 || options.Seeds < 1 || options.Pool < 1)
            throw new Core.UserFacingException("--rounds, --batch, --seeds and --pool must be at least 1.");
        if (options.TestFraction is <= 0 or >= 1) throw new Core.UserFacingException("--test-fraction must lie between 0 and 1.");
        if (options.PretrainRuleDropout is < 0 or > 1) throw new Core.UserFacingException("--rule-dropout must lie between 0 and 1.");
        if (options.Acquisition.MinDistance is < 0 or > 2) throw new Core.UserFacingException("--min-distance must lie between 0 and 2 (cosine distance).");
        if (options.Acquisition.Floor is < 0 or > 1) throw new Core.UserFacingException("--floor must lie between 0 and 1.");
        if (options.ImportanceCap is < 1) throw new Core.UserFacingException("--importance-cap must be at least 1 (1: every weight 1).");
    }

    private static void Print(SimulationResult result, string folder)
    {
        Console.WriteLine(result.Savings.FirstOrDefault(s => s.Strategy == LabelSavingsCalculator.Baseline) is { } random
            ? $"rules' macro-F1 {result.RulesMacroF1:F3}; random's final macro-F1 {random.FinalMacroF1:F3} is the target"
            : $"rules' macro-F1 {result.RulesMacroF1:F3}; no label savings without the random strategy to measure against");
        foreach (var s in result.Savings)
        {
            var fraction = s.LabelFraction is { } f ? $"{f:P1} of random's labels (± {s.LabelFractionStd ?? 0:P1} over seeds)" : "never reached random's final macro-F1";
            Console.WriteLine($"{s.Strategy,-26} {fraction,-44} final macro-F1 {s.FinalMacroF1:F3} ({Math.Round((s.FinalMacroF1 - result.RulesMacroF1) * 100, 1):+0.0;-0.0;0.0} points over the rules)");
        }
        Console.WriteLine($"rounds took {result.Rounds.TotalMinutes:F1} min (preparation {result.Preparation.TotalMinutes:F1} min); " +
            $"wrote {SimulationResult.CurvesFile}, {SimulationResult.SummaryFile}, {SimulationResult.ChartFile} to {Path.GetFullPath(folder)}");
    }

    /// <summary>One line per finished round; synchronous, so lines never interleave.</summary>
    private sealed class Progress : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            var p = value.Point;
            CliHost.Info($"[{value.Elapsed:hh\\:mm\\:ss}] {p.Strategy,-24} seed {p.Seed} round {p.Round,2}/{value.Rounds}: " +
                $"{p.Labels,5} labels, macro-F1 {p.MacroF1:F3}, micro-F1 {p.MicroF1:F3}");
        }
    }
}

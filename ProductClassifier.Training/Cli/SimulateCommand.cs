using System.CommandLine;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Training.Rounds;
using ProductClassifier.Training.Learning;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc simulate</c>: active learning replayed in memory against a labelled data set folder (no database).</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var options = new SimulateOptions();
        var command = new Command("simulate", "Replay active learning against a labelled data set: learning curves per strategy and the label savings against random");
        foreach (var option in options.All) command.Add(option);
        command.SetAction((p, ct) => p.GetValue(options.Replot) ? ReplotAsync(p.GetValue(options.Output)!, ct) : RunAsync(options, p, ct));
        return command;
    }

    private static async Task ReplotAsync(string output, CancellationToken ct)
    {
        var earlier = SimulationResult.Read(output);
        await earlier.WriteAsync(output, ct);
        Print(earlier, output);
    }

    private static async Task RunAsync(SimulateOptions cli, ParseResult p, CancellationToken ct)
    {
        var options = cli.Bind(p);
        var folder = p.GetValue(cli.Dataset) ?? throw new Core.UserFacingException("--dataset is required: the data set folder to simulate on.");
        var corpus = await DatasetCorpusLoader.LoadAsync(folder, ct);
        var preprocessing = PreprocessingConfig.Resolve(p.GetValue(cli.Config), datasetFolder: folder);
        CliHost.Info($"'{corpus.Name}': {corpus.Products.Count:N0} products, {corpus.CategoryCount} categories, {corpus.RuleCategories.Count} rules; " +
            $"preprocessing: {preprocessing.Source}; device: {TorchRuntime.ResolveDevice(options.Device)}");

        IProgress<FeaturizeProgress>? featureBar = null;
        using var pretrained = CliHost.PretrainedFeatures(corpus.Name, new InlineProgress<FeaturizeProgress>(v => featureBar?.Report(v)));
        var runner = new SimulationRunner(options, pretrained);
        using var setup = await ConsoleMetricsSink.ShowAsync((sink, context) =>
        {
            featureBar = new FeaturizeBar(context);
            return runner.PrepareAsync(corpus, preprocessing, sink, ct);
        });
        CliHost.Info($"{(setup.CachedIn is null ? "pre-trained" : "loaded")} {string.Join(", ", setup.Pretrained.Members.Select(m => m.Spec.Name))} " +
            $"{(setup.CachedIn is null ? "on rule labels" : $"pre-trained on rule labels from {setup.CachedIn}")}, prepared in {setup.Preparation.TotalMinutes:F1} min; pool {setup.Pool.Length:N0}, test {setup.Split.Test.Length:N0} products; rules' macro-F1 {setup.RulesMacroF1:F3}");
        var result = await runner.RunAsync(setup, new Progress(), ct);
        await result.WriteAsync(p.GetValue(cli.Output)!, ct);
        Print(result, p.GetValue(cli.Output)!);
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

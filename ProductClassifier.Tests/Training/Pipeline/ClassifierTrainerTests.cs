using System.Text.Json;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Tests.Training.Pipeline;

public sealed class ClassifierTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(Corpus Corpus, TrainedClassifier Classifier, EvaluationReport Report)> TrainAsync()
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(400, Seed: 11));
        var corpus = await DatasetCorpusLoader.LoadAsync(summary.Folder);
        var request = new TrainRequest(PreprocessingConfig.Defaults()) { Models = ["linear", "wide-deep"], Folds = 2, Epochs = 4 };
        var (classifier, report) = await new ClassifierTrainer(new NullMetricsSink()).TrainAsync(corpus, request, CancellationToken.None);
        return (corpus, classifier, report);
    }

    [Fact]
    public async Task Report_scores_members_ensembles_and_rules_on_both_sets()
    {
        var (_, classifier, report) = await TrainAsync();
        using (classifier)
        {
            var json = JsonDocument.Parse(report.ToJson()).RootElement.GetProperty("models");
            var names = json.EnumerateArray().Select(m => m.GetProperty("model").GetString()).ToList();
            Assert.Equal(["linear", "wide-deep", "average", "meta", "ensemble", "rules"], names);
            foreach (var model in json.EnumerateArray())
                foreach (var set in new[] { "ruleTest", "groundTruth" })
                {
                    var result = model.GetProperty("sets").GetProperty(set);
                    Assert.InRange(result.GetProperty("macroF1").GetDouble(), 0, 1);
                    Assert.True(result.GetProperty("levels").GetArrayLength() == 3);
                    Assert.True(result.GetProperty("categories").GetArrayLength() > 0);
                }
            // Trained on rules, the rules themselves score perfectly on the rule-labelled set and the models learn something.
            var rules = report.Models.Single(m => m.Model == "rules");
            Assert.Equal(1, rules.Sets[EvaluationReport.RuleTest].MicroF1, 6);
            Assert.True(report.Models.Single(m => m.Model == "ensemble").Sets[EvaluationReport.GroundTruth].MicroF1 > 0.3);
        }
    }

    [Fact]
    public async Task A_saved_classifier_loads_and_predicts_identically()
    {
        var (corpus, classifier, _) = await TrainAsync();
        using (classifier)
        {
            var rows = Enumerable.Range(0, corpus.Products.Count).ToArray();
            var before = classifier.Predict(classifier.Transform.Transform(corpus.Products), rows);
            classifier.Save(Path.Combine(_folder, "v1"));

            using var loaded = TrainedClassifier.Load(Path.Combine(_folder, "v1"));
            var after = loaded.Predict(loaded.Transform.Transform(corpus.Products), rows);

            Assert.Equal(before, after);
            Assert.Equal(classifier.Served, loaded.Served);
            Assert.Equal(classifier.ServedThresholds, loaded.ServedThresholds);
        }
    }
}

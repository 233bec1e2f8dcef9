using System.Text.Json;
using ProductClassifier.Core;
using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Ensemble;

namespace ProductClassifier.Training.Pipeline;

/// <summary>
/// A trained classifier as one unit: the fitted transform, the ensemble, per-model decision thresholds, which
/// ensemble is served, and the category paths of its outputs. Saved to and loaded from a model version's folder.
/// </summary>
public sealed class TrainedClassifier(FittedTransform transform, EnsembleModel ensemble, IReadOnlyList<CorpusCategory> categories,
    Dictionary<string, float[]> thresholds, string served) : IDisposable
{
    private const string TransformFile = "transform.json";
    private const string EnsembleFolder = "ensemble";
    private const string ManifestFile = "classifier.json";

    public FittedTransform Transform { get; } = transform;
    public EnsembleModel Ensemble { get; } = ensemble;
    public IReadOnlyList<CorpusCategory> Categories { get; } = categories;
    public Dictionary<string, float[]> Thresholds { get; } = thresholds;

    /// <summary>"average" or "meta": the ensemble that did better on the validation slice.</summary>
    public string Served { get; } = served;

    public IReadOnlyList<string> ModelNames =>
        [.. Ensemble.Members.Select(m => m.Spec.Name), ModelEvaluator.Average, .. Ensemble.Meta is null ? Array.Empty<string>() : [ModelEvaluator.Meta]];

    /// <summary>Whether a member reads the pretrained image or sentence blocks.</summary>
    public bool NeedsPretrained => Ensemble.Members.Any(m => m.Spec.AllBlocks.Any(b => b is FeatureSet.Image or FeatureSet.Sentence));

    /// <summary>The inputs for <paramref name="products"/> exactly as in training: the saved transform, plus pretrained blocks when a member reads them.</summary>
    public async Task<FeatureSet> FeaturesAsync(IReadOnlyList<ProductRecord> products, IPretrainedFeatures? pretrained, CancellationToken ct)
    {
        var features = Transform.Transform(products);
        if (NeedsPretrained && pretrained is not null) await pretrained.AddAsync(features, products, ct);
        return features;
    }

    /// <summary>Every model's probabilities (rows × categories) for the given rows of a feature set, by report name.</summary>
    public Dictionary<string, float[]> PredictAll(FeatureSet features, IReadOnlyList<int> rows) =>
        ModelEvaluator.Named(Ensemble.Predict(features, rows), Served);

    /// <summary>The served probabilities, raised so that no parent scores below its children.</summary>
    public float[] Predict(FeatureSet features, IReadOnlyList<int> rows)
    {
        var probabilities = PredictAll(features, rows)[ModelEvaluator.Served];
        new TreeConsistency(Categories.Select(c => c.Parent).ToArray()).Apply(probabilities.AsSpan());
        return probabilities;
    }

    public float[] ServedThresholds => Thresholds.GetValueOrDefault(Served) ?? Enumerable.Repeat(ThresholdTuner.DefaultThreshold, Categories.Count).ToArray();

    /// <summary>
    /// The categories one row of <see cref="Predict"/>'s output puts above their served thresholds, most probable first
    /// (a stable re-sort, e.g. by depth, keeps that order among equals).
    /// </summary>
    public IEnumerable<(CorpusCategory Category, float Probability)> AboveThreshold(float[] probabilities, int row)
    {
        var thresholds = ServedThresholds;
        var offset = row * Categories.Count;
        return Enumerable.Range(0, Categories.Count).Where(c => probabilities[offset + c] >= thresholds[c])
            .Select(c => (Categories[c], probabilities[offset + c])).OrderByDescending(x => x.Item2);
    }

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        Transform.Save(Path.Combine(folder, TransformFile));
        Ensemble.Save(Path.Combine(folder, EnsembleFolder));
        File.WriteAllText(Path.Combine(folder, ManifestFile),
            JsonSerializer.Serialize(new Manifest(Served, Categories.ToList(), Thresholds), new JsonSerializerOptions { WriteIndented = true }));
    }

    public static TrainedClassifier Load(string folder, string? device = null)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath)) throw new UserFacingException($"No trained classifier in {folder}: {ManifestFile} is missing.");
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath))
            ?? throw new UserFacingException($"{manifestPath} is empty.");
        return new TrainedClassifier(FittedTransform.Load(Path.Combine(folder, TransformFile)),
            EnsembleModel.Load(Path.Combine(folder, EnsembleFolder), device), manifest.Categories, manifest.Thresholds, manifest.Served);
    }

    public void Dispose() => Ensemble.Dispose();

    private sealed record Manifest(string Served, List<CorpusCategory> Categories, Dictionary<string, float[]> Thresholds);
}

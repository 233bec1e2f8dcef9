using System.Text.Json;
using ProductClassifier.Core;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Networks;

namespace ProductClassifier.Training.Ensemble;

/// <summary>
/// Trained members and, optionally, the stacked meta-learner over their logits. Saved as a folder:
/// <c>ensemble.json</c>, <c>members/&lt;name&gt;/</c> per member and <c>meta/</c>.
/// </summary>
public sealed class EnsembleModel(IReadOnlyList<TrainedModel> members, TrainedModel? meta) : IDisposable
{
    private const string DescriptionFile = "ensemble.json";
    private const string MembersFolder = "members";
    private const string MetaFolder = "meta";

    public IReadOnlyList<TrainedModel> Members { get; } = members;
    public TrainedModel? Meta { get; } = meta;
    public int Categories => Members[0].Categories;

    public EnsemblePrediction Predict(FeatureSet features, IReadOnlyList<int>? rows = null)
    {
        var chosen = rows ?? Enumerable.Range(0, features.Count).ToArray();
        var logits = Members.Select(m => m.PredictLogits(features, chosen)).ToList();
        var probabilities = logits.Select(l => l.Select(Sigmoid).ToArray()).ToList();
        var average = new float[probabilities[0].Length];
        foreach (var p in probabilities)
            for (var i = 0; i < average.Length; i++) average[i] += p[i] / probabilities.Count;
        var meta = Meta?.Predict(MetaFeatures.Build(features, chosen, logits, Categories));
        var byMember = Members.Select((m, i) => (m.Spec.Name, probabilities[i])).ToDictionary(x => x.Name, x => x.Item2);
        return new EnsemblePrediction(Categories, byMember, average, meta);
    }

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var member in Members) member.Save(Path.Combine(folder, MembersFolder, member.Spec.Name));
        Meta?.Save(Path.Combine(folder, MetaFolder));
        var description = new Description(Members.Select(m => m.Spec.Name).ToArray(), Meta is not null);
        File.WriteAllText(Path.Combine(folder, DescriptionFile), JsonSerializer.Serialize(description));
    }

    public static EnsembleModel Load(string folder, string? device = null)
    {
        var path = Path.Combine(folder, DescriptionFile);
        if (!File.Exists(path)) throw new UserFacingException($"No ensemble in {folder}: {DescriptionFile} is missing.");
        var description = JsonSerializer.Deserialize<Description>(File.ReadAllText(path))
            ?? throw new UserFacingException($"{path} is empty.");
        var members = description.Members.Select(name => TrainedModel.Load(Path.Combine(folder, MembersFolder, name), device)).ToList();
        var meta = description.HasMeta ? TrainedModel.Load(Path.Combine(folder, MetaFolder), device) : null;
        return new EnsembleModel(members, meta);
    }

    public void Dispose()
    {
        foreach (var member in Members) member.Dispose();
        Meta?.Dispose();
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private sealed record Description(string[] Members, bool HasMeta);
}

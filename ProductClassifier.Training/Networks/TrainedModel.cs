using System.Text.Json;
using ProductClassifier.Core;
using ProductClassifier.Core.Features;
using ProductClassifier.Training.Learning;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Networks;

/// <summary>
/// A trained model with what it needs to score new products: its spec, the input shapes it was built for, and the
/// positive weights it was trained with (fine-tuning keeps them). Saved as <c>model.json</c> + <c>weights.safetensors</c>.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    public const string WeightsFile = "weights.safetensors";
    public const string DescriptionFile = "model.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal TrainedModel(ModelSpec spec, FeatureShapes shapes, float[] positiveWeights, ProductModel module, Device device)
    {
        Spec = spec;
        Shapes = shapes;
        PositiveWeights = positiveWeights;
        Module = module;
        Device = device;
    }

    public ModelSpec Spec { get; }
    public FeatureShapes Shapes { get; }
    public float[] PositiveWeights { get; }
    public Device Device { get; }
    public int Categories => Shapes.Categories;

    /// <summary>Epochs this model's weights have been trained for, fine-tuning included.</summary>
    public int EpochsTrained { get; internal set; }

    internal ProductModel Module { get; }

    /// <summary>Probabilities, row-major [rows × categories]; all rows of the feature set when <paramref name="rows"/> is null.</summary>
    public float[] Predict(FeatureSet features, IReadOnlyList<int>? rows = null, int batchSize = 1024) =>
        Score(features, rows, batchSize, logits: false);

    /// <summary>Logits, row-major [rows × categories] (what the stacked meta-learner reads).</summary>
    public float[] PredictLogits(FeatureSet features, IReadOnlyList<int>? rows = null, int batchSize = 1024) =>
        Score(features, rows, batchSize, logits: true);

    private float[] Score(FeatureSet features, IReadOnlyList<int>? rows, int batchSize, bool logits)
    {
        Shapes.EnsureMatches(features, Spec.Name);
        var chosen = rows?.ToArray() ?? Enumerable.Range(0, features.Count).ToArray();
        var result = new float[chosen.Length * Categories];
        Module.eval();
        using var noGrad = no_grad();
        for (var start = 0; start < chosen.Length; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = chosen.AsSpan(start, Math.Min(batchSize, chosen.Length - start));
            var output = Module.call(BatchBuilder.Build(features, Shapes, batch, Device, Spec.Hyper.MaxTokens));
            if (!logits) output = output.sigmoid();
            output.cpu().data<float>().CopyTo(result, start * Categories);
        }
        return result;
    }

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        Module.save_safetensors(Path.Combine(folder, WeightsFile));
        var description = new Description(Spec, Shapes, PositiveWeights, EpochsTrained);
        File.WriteAllText(Path.Combine(folder, DescriptionFile), JsonSerializer.Serialize(description, Json));
    }

    /// <param name="device">As <see cref="TrainingOptions.Device"/>; null: CUDA when available, else CPU.</param>
    public static TrainedModel Load(string folder, string? device = null)
    {
        var path = Path.Combine(folder, DescriptionFile);
        if (!File.Exists(path)) throw new UserFacingException($"No trained model in {folder}: {DescriptionFile} is missing.");
        var description = JsonSerializer.Deserialize<Description>(File.ReadAllText(path), Json)
            ?? throw new UserFacingException($"{path} is empty.");
        var target = TorchRuntime.ResolveDevice(device);
        var module = ModelRegistry.Build(description.Spec, description.Shapes);
        module.load_safetensors(Path.Combine(folder, WeightsFile));
        module.to(target);
        return new TrainedModel(description.Spec, description.Shapes, description.PositiveWeights, module, target)
        {
            EpochsTrained = description.EpochsTrained,
        };
    }

    /// <summary>An independent copy, so fine-tuning never changes the model it started from.</summary>
    internal TrainedModel Clone()
    {
        var module = ModelRegistry.Build(Spec, Shapes);
        var saved = new MemoryStream();
        Module.save(saved); // closes the stream; ToArray still works
        using var weights = new MemoryStream(saved.ToArray());
        module.load(weights);
        module.to(Device);
        return new TrainedModel(Spec, Shapes, (float[])PositiveWeights.Clone(), module, Device) { EpochsTrained = EpochsTrained };
    }

    public void Dispose() => Module.Dispose();

    private sealed record Description(ModelSpec Spec, FeatureShapes Shapes, float[] PositiveWeights, int EpochsTrained);
}

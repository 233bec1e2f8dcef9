using System.Text.Json;

namespace ProductClassifier.Core.Similarity;

/// <summary>
/// A catalogue's learned image embedding: a projection head (512 → 256, ReLU, → 128, L2-normalised) over the pretrained
/// ResNet18 features, trained on the catalogue's own labels. Its weights are plain arrays, so anything with the
/// pretrained features (a catalogue product, an uploaded photo) is embedded the same way without TorchSharp.
/// Versions live beside the model versions: <c>{models root}/{catalogue}/embedding/v{N}/</c>.
/// </summary>
public sealed class LearnedEmbedding
{
    /// <summary>The <see cref="ProductEmbedding.Model"/> of the learned rows in Postgres.</summary>
    public const string Model = "resnet18-learned";
    public const int Dimensions = 128;
    private const string WeightsFile = "head.bin", InfoFile = "embedding.json";
    private const int Magic = 0x4845_4144; // "HEAD"

    public LearnedEmbedding(float[][] hiddenWeights, float[] hiddenBias, float[][] outputWeights, float[] outputBias)
    {
        if (hiddenWeights.Length != hiddenBias.Length || outputWeights.Length != outputBias.Length ||
            outputWeights.Any(row => row.Length != hiddenBias.Length) || hiddenWeights.Any(row => row.Length != hiddenWeights[0].Length))
            throw new ArgumentException("The head's weights and biases do not fit together.");
        (HiddenWeights, HiddenBias, OutputWeights, OutputBias) = (hiddenWeights, hiddenBias, outputWeights, outputBias);
    }

    /// <summary>[hidden][input]</summary>
    public float[][] HiddenWeights { get; }
    public float[] HiddenBias { get; }

    /// <summary>[output][hidden]</summary>
    public float[][] OutputWeights { get; }
    public float[] OutputBias { get; }

    public int InputDimensions => HiddenWeights[0].Length;
    public int OutputDimensions => OutputBias.Length;

    /// <summary>The embedding of pretrained features (normalised first, as they are stored), unit length.</summary>
    public float[] Apply(ReadOnlySpan<float> features)
    {
        if (features.Length != InputDimensions)
            throw new ArgumentException($"The learned embedding takes {InputDimensions} features; got {features.Length}.", nameof(features));
        var input = features.ToArray();
        ExactSearch.Normalize(input);
        var hidden = new float[HiddenBias.Length];
        for (var h = 0; h < hidden.Length; h++) hidden[h] = Math.Max(0, ExactSearch.Dot(HiddenWeights[h], input) + HiddenBias[h]);
        var output = new float[OutputBias.Length];
        for (var o = 0; o < output.Length; o++) output[o] = ExactSearch.Dot(OutputWeights[o], hidden) + OutputBias[o];
        ExactSearch.Normalize(output);
        return output;
    }

    /// <summary>Writes the weights and <paramref name="info"/> (what it was trained on, how it scored) to <paramref name="folder"/>.</summary>
    public void Save(string folder, LearnedEmbeddingInfo info)
    {
        Directory.CreateDirectory(folder);
        using (var writer = new BinaryWriter(File.Create(Path.Combine(folder, WeightsFile))))
        {
            writer.Write(Magic);
            writer.Write(InputDimensions);
            writer.Write(HiddenBias.Length);
            writer.Write(OutputDimensions);
            foreach (var value in HiddenWeights.SelectMany(r => r).Concat(HiddenBias).Concat(OutputWeights.SelectMany(r => r)).Concat(OutputBias))
                writer.Write(value);
        }
        File.WriteAllText(Path.Combine(folder, InfoFile), JsonSerializer.Serialize(info, JsonOptions));
    }

    public static LearnedEmbedding Load(string folder)
    {
        var path = Path.Combine(folder, WeightsFile);
        if (!File.Exists(path)) throw new UserFacingException($"No learned embedding in {folder} ({WeightsFile} is missing).");
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.BaseStream.Length < 16 || reader.ReadInt32() != Magic) throw new UserFacingException($"{path} is not a learned embedding's weights.");
        var (input, hidden, output) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (input is < 1 or > 65536 || hidden is < 1 or > 65536 || output is < 1 or > 65536 ||
            reader.BaseStream.Length != 16 + 4L * (input * hidden + hidden + output * hidden + output))
            throw new UserFacingException($"{path} is truncated or damaged ({input}×{hidden}×{output} does not match its length).");
        float[] Read(int n)
        {
            var values = new float[n];
            for (var i = 0; i < n; i++) values[i] = reader.ReadSingle();
            return values;
        }
        var hiddenWeights = Enumerable.Range(0, hidden).Select(_ => Read(input)).ToArray();
        var hiddenBias = Read(hidden);
        var outputWeights = Enumerable.Range(0, output).Select(_ => Read(hidden)).ToArray();
        return new LearnedEmbedding(hiddenWeights, hiddenBias, outputWeights, Read(output));
    }

    public static LearnedEmbeddingInfo? ReadInfo(string folder)
    {
        var path = Path.Combine(folder, InfoFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<LearnedEmbeddingInfo>(File.ReadAllText(path), JsonOptions) : null;
    }

    /// <summary>The folder holding the catalogue's embedding versions under the model store root.</summary>
    public static string VersionsFolder(string modelsRoot, string catalogue) =>
        Path.Combine(modelsRoot, SimilarityOptions.SafeName(catalogue), "embedding");

    /// <summary>The catalogue's versions, oldest first: (number, folder).</summary>
    public static IReadOnlyList<(int Number, string Folder)> Versions(string modelsRoot, string catalogue)
    {
        var root = VersionsFolder(modelsRoot, catalogue);
        if (!Directory.Exists(root)) return [];
        return Directory.GetDirectories(root)
            .Select(d => (Name: Path.GetFileName(d), Folder: d))
            .Where(d => d.Name.StartsWith('v') && int.TryParse(d.Name[1..], out _) && File.Exists(Path.Combine(d.Folder, WeightsFile)))
            .Select(d => (int.Parse(d.Name[1..], System.Globalization.CultureInfo.InvariantCulture), d.Folder))
            .OrderBy(d => d.Item1).ToList();
    }

    /// <summary>The newest version of the catalogue's learned embedding, or null when none was trained.</summary>
    public static (int Number, LearnedEmbedding Head)? Latest(string modelsRoot, string catalogue) =>
        Versions(modelsRoot, catalogue) is { Count: > 0 } versions ? (versions[^1].Number, Load(versions[^1].Folder)) : null;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>What a learned embedding version was trained on, and its training loss.</summary>
public sealed record LearnedEmbeddingInfo(int Version, DateTime TrainedAt, string Source, int Products, int Epochs,
    double FirstLoss, double FinalLoss, string Objective);

using System.Text.Json;
using System.Text.Json.Serialization;
using ProductClassifier.Training.Networks;
using TorchSharp.Modules;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// The per-epoch checkpoint of one training: weights, optimiser state, the best weights so far and the epoch. Each
/// epoch goes to a folder of its own and a pointer file names the latest complete one, so a crash mid-write leaves
/// the previous checkpoint intact.
/// </summary>
internal sealed class Checkpoint(string folder)
{
    private const string LatestFile = "latest";
    private const string ModelFile = "model.bin";
    private const string OptimizerFile = "optimizer.bin";
    private const string BestFile = "best.bin";
    private const string StateFile = "state.json";

    // The best loss is +∞ until a validation pass has run.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <param name="Epoch">Epochs completed.</param>
    /// <param name="StoppedEarly">Early stopping ended the training; resuming only restores the best weights.</param>
    public sealed record State(string Model, int Epoch, float BestLoss, int BestEpoch, int EpochsWithoutImprovement, bool StoppedEarly);

    public bool Exists => File.Exists(Path.Combine(folder, LatestFile));

    public void Save(State state, ProductModel module, OptimizerHelper optimizer, byte[]? best)
    {
        var name = $"epoch-{state.Epoch:D4}";
        var target = Path.Combine(folder, name);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        module.save(Path.Combine(target, ModelFile));
        optimizer.save_state_dict(Path.Combine(target, OptimizerFile));
        if (best is not null) File.WriteAllBytes(Path.Combine(target, BestFile), best);
        File.WriteAllText(Path.Combine(target, StateFile), JsonSerializer.Serialize(state, Json));

        var pointer = Path.Combine(folder, LatestFile + ".tmp");
        File.WriteAllText(pointer, name);
        File.Move(pointer, Path.Combine(folder, LatestFile), overwrite: true);
        foreach (var old in Directory.EnumerateDirectories(folder, "epoch-*").Where(d => Path.GetFileName(d) != name))
            Directory.Delete(old, recursive: true);
    }

    /// <summary>Restores weights and optimiser state into the given objects; returns the state and best weights.</summary>
    public (State State, byte[]? Best) Load(string model, ProductModel module, OptimizerHelper optimizer)
    {
        var source = Path.Combine(folder, File.ReadAllText(Path.Combine(folder, LatestFile)).Trim());
        var state = JsonSerializer.Deserialize<State>(File.ReadAllText(Path.Combine(source, StateFile)), Json)
            ?? throw new InvalidDataException($"Empty checkpoint state in {source}.");
        if (state.Model != model)
            throw new InvalidOperationException($"The checkpoint in {folder} is of model '{state.Model}', not '{model}'.");
        module.load(Path.Combine(source, ModelFile));
        optimizer.load_state_dict(Path.Combine(source, OptimizerFile));
        var bestPath = Path.Combine(source, BestFile);
        return (state, File.Exists(bestPath) ? File.ReadAllBytes(bestPath) : null);
    }
}

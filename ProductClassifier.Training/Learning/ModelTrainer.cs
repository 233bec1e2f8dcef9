using ProductClassifier.Core.Features;
using ProductClassifier.Training.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// Trains one model: AdamW over shuffled mini-batches, masked and weighted BCE, early stopping on the validation loss
/// (keeping the best epoch's weights), a checkpoint after every epoch that <see cref="TrainingOptions.Resume"/>
/// continues from, and cancellation between batches. Seeded per epoch, so a resumed run repeats the uninterrupted one.
/// </summary>
public sealed class ModelTrainer(IMetricsSink sink)
{
    // Each epoch draws three random streams from the run's seed: the module's dropout masks, the batch order and which
    // rows hide their rule firings. Distinct primes keep the streams of one epoch, and of neighbouring seeds, apart;
    // the values are fixed because every recorded figure was trained with them.
    private const long DropoutSeedStride = 7919L;
    private const int ShuffleSeedStride = 1_000_003;
    private const int RuleDropoutSeedStride = 31;

    public TrainedModel Train(ModelSpec spec, TrainingData data, TrainingOptions options, CancellationToken ct)
    {
        data.EnsureConsistent();
        var device = TorchRuntime.ResolveDevice(options.Device);
        var shapes = FeatureShapes.For(spec, data.Features, data.Labels.Categories);
        var (train, validation) = Split(data, options);
        var positiveWeights = PositiveWeights.Compute(data.Labels, train, maximum: options.MaxPositiveWeight);
        var module = ModelRegistry.Build(spec, shapes, options.Seed);
        module.to(device);
        var model = new TrainedModel(spec, shapes, positiveWeights, module, device);
        Fit(model, data, train, validation, options, options.LearningRate ?? spec.Hyper.LearningRate,
            options.Epochs ?? spec.Hyper.Epochs, ct);
        return model;
    }

    /// <summary>
    /// Continues training a copy of <paramref name="model"/> on new labels (e.g. human labels weighted above rule
    /// labels); unset options default to <see cref="TrainingOptions.FineTuning"/>'s few epochs at a lower learning rate.
    /// The given model is left as it was.
    /// </summary>
    public TrainedModel FineTune(TrainedModel model, TrainingData data, TrainingOptions options, CancellationToken ct)
    {
        data.EnsureConsistent();
        model.Shapes.EnsureMatches(data.Features, model.Spec.Name);
        var (train, validation) = Split(data, options);
        var copy = model.Clone();
        var learningRate = options.LearningRate ?? model.Spec.Hyper.LearningRate * (options.LearningRateFactor ?? TrainingOptions.FineTuningLearningRateFactor);
        Fit(copy, data, train, validation, options, learningRate, options.Epochs ?? TrainingOptions.FineTuning.Epochs!.Value, ct);
        return copy;
    }

    private void Fit(TrainedModel model, TrainingData data, int[] train, int[] validation, TrainingOptions options,
        double learningRate, int epochs, CancellationToken ct)
    {
        var (spec, module, device) = (model.Spec, model.Module, model.Device);
        var run = options.Run ?? spec.Name;
        var batchSize = options.BatchSize ?? spec.Hyper.BatchSize;
        using var positiveWeights = tensor(model.PositiveWeights, device: device);
        using var optimizer = new HeldScalarAdamW(module.parameters(), learningRate, options.WeightDecay ?? spec.Hyper.WeightDecay);
        var checkpoint = options.CheckpointFolder is { } folder ? new Checkpoint(folder) : null;

        var state = new Checkpoint.State(run, 0, float.PositiveInfinity, 0, 0, StoppedEarly: false);
        byte[]? best = null;
        if (options.Resume && checkpoint is { Exists: true })
        {
            (state, best) = checkpoint.Load(run, module, optimizer);
            model.EpochsTrained += state.Epoch;
        }

        var stepsPerEpoch = (train.Length + batchSize - 1) / batchSize;
        // Only a model that reads the rule firings has any to hide (the meta-learner, for one, does not).
        var ruleDropout = model.Shapes.Sparse.ContainsKey(FeatureSet.Rules) ? options.RuleDropout : 0;
        for (var epoch = state.Epoch + 1; epoch <= epochs && !state.StoppedEarly; epoch++)
        {
            var started = DateTime.UtcNow;
            module.Reseed(options.Seed + epoch * DropoutSeedStride);
            var order = Shuffled(train, new Random(options.Seed * ShuffleSeedStride + epoch));
            module.train();
            var dropRandom = new Random(options.Seed * RuleDropoutSeedStride + epoch);
            double lossSum = 0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                ct.ThrowIfCancellationRequested();
                var rows = order.AsSpan(step * batchSize, Math.Min(batchSize, order.Length - step * batchSize));
                var withoutRules = ruleDropout > 0
                    ? Enumerable.Range(0, rows.Length).Select(_ => dropRandom.NextDouble() < ruleDropout).ToArray()
                    : null;
                var loss = Step(module, optimizer, data, model.Shapes, rows, withoutRules, positiveWeights, device, spec.Hyper.MaxTokens);
                lossSum += loss;
                sink.OnStep(new TrainingStep(run, epoch, step + 1, stepsPerEpoch, loss, epochs));
            }
            sink.OnEpoch(new TrainingEpoch(run, epoch, epochs, (float)(lossSum / stepsPerEpoch), DateTime.UtcNow - started));
            model.EpochsTrained++;

            state = state with { Epoch = epoch };
            if (validation.Length > 0)
            {
                var (loss, f1) = Validation.Evaluate(module, data.Features, data.Labels, model.Shapes, validation,
                    positiveWeights, device, Math.Max(batchSize, 1024), spec.Hyper.MaxTokens, ct);
                var improved = loss < state.BestLoss;
                if (improved) best = Snapshot(module);
                state = improved
                    ? state with { BestLoss = loss, BestEpoch = epoch, EpochsWithoutImprovement = 0 }
                    : state with { EpochsWithoutImprovement = state.EpochsWithoutImprovement + 1 };
                sink.OnValidation(new ValidationMetrics(run, epoch, loss, f1, improved));
            }
            state = state with { StoppedEarly = state.EpochsWithoutImprovement >= options.Patience };
            checkpoint?.Save(state, module, optimizer, best);
        }

        if (best is not null) Restore(module, best);
    }

    private static float Step(ProductModel module, OptimizerHelper optimizer, TrainingData data, FeatureShapes shapes,
        ReadOnlySpan<int> rows, bool[]? withoutRules, Tensor positiveWeights, Device device, int maxTokens)
    {
        using var scope = NewDisposeScope();
        var input = BatchBuilder.Build(data.Features, shapes, rows, device, maxTokens, withoutRules);
        var y = LabelBatch.Build(data.Labels, rows, device);
        var loss = MaskedBceLoss.Compute(module.call(input), y.Targets, y.Mask, y.RowWeights, positiveWeights);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    private static (int[] Train, int[] Validation) Split(TrainingData data, TrainingOptions options)
    {
        if (data.ValidationRows is { } given) return (data.TrainRows.ToArray(), given.ToArray());
        var held = (int)(data.TrainRows.Count * options.ValidationFraction);
        if (held == 0) return (data.TrainRows.ToArray(), []);
        var shuffled = Shuffled(data.TrainRows.ToArray(), new Random(options.Seed));
        return (shuffled[held..], shuffled[..held]);
    }

    private static int[] Shuffled(int[] rows, Random random)
    {
        var copy = (int[])rows.Clone();
        random.Shuffle(copy);
        return copy;
    }

    private static byte[] Snapshot(ProductModel module)
    {
        using var stream = new MemoryStream();
        module.save(stream);
        return stream.ToArray();
    }

    private static void Restore(ProductModel module, byte[] weights)
    {
        using var stream = new MemoryStream(weights);
        module.load(stream);
    }
}

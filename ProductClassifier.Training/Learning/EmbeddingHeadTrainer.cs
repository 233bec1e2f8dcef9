using ProductClassifier.Core.Similarity;
using TorchSharp;
using static TorchSharp.torch;

namespace ProductClassifier.Training.Learning;

/// <summary>
/// Trains a <see cref="LearnedEmbedding"/> head with a tree-weighted contrastive loss: within a batch, each product's
/// softmax over its cosine similarities to the others (temperature <see cref="Temperature"/>) is pulled towards a target
/// that weights every other product by (depth of the deepest category path they share / the deeper of their two
/// paths)², so products sharing a leaf pull hardest, those sharing a level-2 category less, those sharing only the top
/// level least, and unrelated ones not at all. Multi-label products count the deepest path any of their labels share.
/// </summary>
public static class EmbeddingHeadTrainer
{
    public const double Temperature = 0.1;

    /// <param name="features">Pretrained features per product (unit length).</param>
    /// <param name="paths">Per product, its categories with their ancestors (ids); empty products are skipped.</param>
    /// <param name="depths">Depth of every category (1 = top level).</param>
    public static (LearnedEmbedding Head, double FirstLoss, double FinalLoss) Train(IReadOnlyList<float[]> features,
        IReadOnlyList<int[]> paths, IReadOnlyDictionary<int, int> depths, int epochs = 30, int batchSize = 256, int hidden = 256,
        double learningRate = 1e-3, int seed = 1, Action<int, double>? epochDone = null, CancellationToken ct = default)
    {
        var rows = Enumerable.Range(0, features.Count).Where(i => paths[i].Length > 0).ToArray();
        if (rows.Length < 2) throw new Core.UserFacingException($"Too few labelled products with an image to learn an embedding from ({rows.Length}).");
        var input = features[rows[0]].Length;
        TorchRuntime.Initialise();
        manual_seed(seed);
        var deepest = paths.Select(p => p.Length == 0 ? 0 : p.Max(c => depths.GetValueOrDefault(c))).ToArray();
        var sets = paths.Select(p => p.ToHashSet()).ToArray();

        using var layer1 = nn.Linear(input, hidden);
        using var layer2 = nn.Linear(hidden, LearnedEmbedding.Dimensions);
        using var relu = nn.ReLU();
        var parameters = layer1.parameters().Concat(layer2.parameters()).ToList();
        using var optimizer = optim.AdamW(parameters, learningRate, weight_decay: 1e-4);
        var random = new Random(seed);
        double first = double.NaN, last = double.NaN;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            var order = rows.OrderBy(_ => random.Next()).ToArray();
            var (sum, batches) = (0.0, 0);
            for (var start = 0; start + 1 < order.Length; start += batchSize)
            {
                var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                if (batch.Length < 2) continue;
                using var scope = NewDisposeScope();
                var x = tensor(batch.SelectMany(i => features[i]).ToArray(), [batch.Length, input]);
                var target = tensor(Targets(batch, sets, deepest, depths), [batch.Length, batch.Length]);
                var z = nn.functional.normalize(layer2.call(relu.call(layer1.call(x))), p: 2, dim: 1);
                var eye = torch.eye(batch.Length, dtype: ScalarType.Bool);
                var logits = z.matmul(z.t()).div(Temperature).masked_fill(eye, -1e4);
                var logp = nn.functional.log_softmax(logits, 1);
                var weights = target.sum(1);
                var valid = weights.gt(0);
                if (!valid.any().item<bool>()) continue;
                var q = target.div(weights.clamp_min(1e-12).unsqueeze(1));
                var loss = q.mul(logp).sum(1).neg().masked_select(valid).mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                sum += loss.item<float>();
                batches++;
            }
            last = batches == 0 ? double.NaN : sum / batches;
            if (epoch == 1) first = last;
            epochDone?.Invoke(epoch, last);
        }
        return (Extract(layer1, layer2), first, last);
    }

    /// <summary>(shared depth / the pair's deeper path)² for every pair of the batch, 0 on the diagonal.</summary>
    internal static float[] Targets(int[] batch, HashSet<int>[] sets, int[] deepest, IReadOnlyDictionary<int, int> depths)
    {
        var n = batch.Length;
        var targets = new float[n * n];
        for (var a = 0; a < n; a++)
            for (var b = a + 1; b < n; b++)
            {
                var (i, j) = (batch[a], batch[b]);
                var shared = 0;
                foreach (var c in sets[i]) if (sets[j].Contains(c)) shared = Math.Max(shared, depths.GetValueOrDefault(c));
                if (shared == 0) continue;
                var value = (float)shared / Math.Max(deepest[i], deepest[j]);
                targets[a * n + b] = targets[b * n + a] = value * value;
            }
        return targets;
    }

    private static LearnedEmbedding Extract(nn.Module<Tensor, Tensor> layer1, nn.Module<Tensor, Tensor> layer2)
    {
        float[][] Matrix(Tensor t) => Enumerable.Range(0, (int)t.shape[0]).Select(r => t[r].data<float>().ToArray()).ToArray();
        using var _ = no_grad();
        var l1 = (TorchSharp.Modules.Linear)layer1;
        var l2 = (TorchSharp.Modules.Linear)layer2;
        return new LearnedEmbedding(Matrix(l1.weight!.cpu()), l1.bias!.cpu().data<float>().ToArray(),
            Matrix(l2.weight!.cpu()), l2.bias!.cpu().data<float>().ToArray());
    }
}

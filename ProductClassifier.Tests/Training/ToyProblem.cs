using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Training;

/// <summary>
/// A small separable problem in every feature block: each product belongs to one of three leaf classes, and category 3
/// is the parent of classes 0 and 1. Every block (text, tokens, categorical, numeric, image, sentence) carries the class
/// on its own, so each model can learn it from the blocks it reads.
/// </summary>
internal static class ToyProblem
{
    public const int Categories = 4;
    public const int Vocabulary = 60;
    public const int RuleCount = 4;

    public static (FeatureSet Features, LabelMatrix Labels, int[] Classes) Create(int rows = 240, int seed = 1,
        bool rules = false, int? imageNoiseSeed = null)
    {
        var random = new Random(seed);
        var classes = Enumerable.Range(0, rows).Select(_ => random.Next(3)).ToArray();
        var features = new FeatureSet(rows);

        var words = classes.Select(k => Words(random, k)).ToArray();
        features.Sparse[FeatureSet.TextTfIdf] = SparseRows.FromRows(Vocabulary,
            words.Select(w => (IReadOnlyList<(int, float)>)w.Distinct().Select(i => (i, 0.5f)).ToList()).ToList());
        features.Tokens[FeatureSet.TextTokens] = words.Select(w => w.Select(i => i + 2).ToArray()).ToArray();
        features.TokenVocabularySizes[FeatureSet.TextTokens] = Vocabulary + 2;
        features.Sparse[FeatureSet.Categorical] = SparseRows.FromRows(8,
            classes.Select(k => (IReadOnlyList<(int, float)>)[(k, 1f), (3 + random.Next(5), 1f)]).ToList());
        features.Dense[FeatureSet.Numeric] = new DenseRows(2,
            classes.SelectMany(k => new[] { k - 1f + Noise(random, 0.2f), Noise(random, 1f) }).ToArray());
        var imageRandom = imageNoiseSeed is { } s ? new Random(s) : null;
        features.Dense[FeatureSet.Image] = Embeddings(random, classes, 512, imageRandom);
        features.Dense[FeatureSet.ImagePresent] = new DenseRows(1, Enumerable.Repeat(1f, rows).ToArray());
        features.Dense[FeatureSet.Sentence] = Embeddings(random, classes, 384, null);
        if (rules)
            features.Sparse[FeatureSet.Rules] = SparseRows.FromRows(RuleCount, classes.Select(k =>
                (IReadOnlyList<(int, float)>)(random.NextDouble() < 0.7 ? [(k, 1f)] : random.NextDouble() < 0.5 ? [(3, 1f)] : [])).ToList());

        return (features, Labels(classes), classes);
    }

    public static LabelMatrix Labels(int[] classes)
    {
        var targets = new float[classes.Length * Categories];
        for (var r = 0; r < classes.Length; r++)
        {
            targets[r * Categories + classes[r]] = 1;
            if (classes[r] < 2) targets[r * Categories + 3] = 1;
        }
        return new LabelMatrix(Categories, targets, Enumerable.Repeat(1f, targets.Length).ToArray(),
            Enumerable.Repeat(1f, classes.Length).ToArray());
    }

    /// <summary>Share of (product, category) decisions at 0.5 that match the targets.</summary>
    public static double Accuracy(float[] probabilities, LabelMatrix labels, IReadOnlyList<int>? rows = null)
    {
        var chosen = rows ?? Enumerable.Range(0, labels.Count).ToArray();
        var right = 0;
        for (var r = 0; r < chosen.Count; r++)
            for (var c = 0; c < labels.Categories; c++)
                if (probabilities[r * labels.Categories + c] > 0.5f == labels.Targets[chosen[r] * labels.Categories + c] > 0.5f) right++;
        return right / (double)(chosen.Count * labels.Categories);
    }

    /// <summary>Mean binary log-loss of the probabilities against the targets.</summary>
    public static double LogLoss(float[] probabilities, LabelMatrix labels, IReadOnlyList<int> rows)
    {
        double sum = 0;
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < labels.Categories; c++)
            {
                var p = Math.Clamp(probabilities[r * labels.Categories + c], 1e-6, 1 - 1e-6);
                sum -= labels.Targets[rows[r] * labels.Categories + c] > 0.5f ? Math.Log(p) : Math.Log(1 - p);
            }
        return sum / (rows.Count * labels.Categories);
    }

    private static int[] Words(Random random, int k) =>
        [k * 10 + random.Next(10), k * 10 + random.Next(10), k * 10 + random.Next(10), 30 + random.Next(30), 30 + random.Next(30)];

    private static DenseRows Embeddings(Random random, int[] classes, int width, Random? noiseOnly)
    {
        var centres = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, width).Select(_ => Noise(random, 1f)).ToArray()).ToArray();
        var values = new float[classes.Length * width];
        for (var r = 0; r < classes.Length; r++)
            for (var d = 0; d < width; d++)
                values[r * width + d] = noiseOnly is null ? centres[classes[r]][d] + Noise(random, 1f) : Noise(noiseOnly, 1f);
        return new DenseRows(width, values);
    }

    private static float Noise(Random random, float scale) => (float)(random.NextDouble() * 2 - 1) * scale;
}

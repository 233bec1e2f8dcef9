using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Training.Pipeline;

/// <summary>
/// Product rows of a corpus split by a stable hash of their keys: 10% test (never trained on), and of the rest a
/// validation slice (thresholds, picking the served ensemble) and the training rows.
/// </summary>
public sealed record CorpusSplit(int[] Train, int[] Validation, int[] Test)
{
    public IEnumerable<int> Development => Train.Concat(Validation);

    public static CorpusSplit Of(Corpus corpus, double testFraction = StableSplit.DefaultTestFraction, double validationFraction = 0.1)
    {
        List<int> train = [], validation = [], test = [];
        for (var i = 0; i < corpus.Products.Count; i++)
        {
            var key = corpus.Products[i].Key;
            if (StableSplit.IsTest(key, testFraction)) test.Add(i);
            else if (StableSplit.IsTest(key, validationFraction, salt: "validation")) validation.Add(i);
            else train.Add(i);
        }
        return new CorpusSplit([.. train], [.. validation], [.. test]);
    }
}

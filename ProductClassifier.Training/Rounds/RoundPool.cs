using ProductClassifier.Core.Evaluation;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Training.Rounds;

/// <summary>
/// The products labelling rounds may ask about, in the app and in the simulation alike: up to <see cref="DefaultSize"/>
/// development products chosen by a stable hash of their keys, the same ones every round (a round then skips those
/// already labelled or picked). Scoring the whole unlabelled catalogue every round would cost more and, on
/// fashion-44k, asked worse questions: a pool of 40,000 gave 1.5 macro-F1 points less after 300 labels (BENCHMARKS.md).
/// </summary>
public static class RoundPool
{
    public const int DefaultSize = 15_000;

    /// <param name="development">The corpus rows that may be trained on (never the test rows).</param>
    /// <param name="eligible">Which of them may be in the pool at all (the simulation: those its oracle can answer).</param>
    /// <returns>Corpus rows in ascending order.</returns>
    public static int[] Candidates(Corpus corpus, IEnumerable<int> development, int size, Func<int, bool>? eligible = null) =>
        development.Where(i => eligible?.Invoke(i) ?? true)
            .OrderBy(i => StableSplit.Position(corpus.Products[i].Key, "pool")).Take(size).Order().ToArray();
}

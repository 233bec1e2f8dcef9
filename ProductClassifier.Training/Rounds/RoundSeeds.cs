namespace ProductClassifier.Training.Rounds;

/// <summary>
/// The random draws of one labelling round, each derived from a base seed and the round number, so that a round's
/// picks and fine-tuning depend on nothing but its inputs: an app round (one process per round) and a simulated round
/// (one process for all) with the same seed draw the same numbers.
/// </summary>
public static class RoundSeeds
{
    /// <summary>Scores' tie-breaking, the sampling and the near-duplicate reserve of the round's batch.</summary>
    public static Random Picking(int seed, int round) => new(Mix(seed, round, 1));

    /// <summary>Which rule-labelled products the round's fine-tuning replays.</summary>
    public static Random Replay(int seed, int round) => new(Mix(seed, round, 2));

    /// <summary>The seed of the fine-tuning itself (initial shuffles, dropout).</summary>
    public static int Training(int seed, int round) => unchecked(seed * 100 + round);

    // Not HashCode.Combine: that one is salted per process.
    private static int Mix(int seed, int round, int stream) => unchecked((seed * 1_000_003 + round) * 7_919 + stream);
}

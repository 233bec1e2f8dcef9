namespace ProductClassifier.Core.Jobs;

/// <summary>
/// The kinds of job event, as stored in <see cref="JobEvent.Type"/>, and the payload record of each: a new kind of
/// event is a new <see cref="JobEventPayload"/> record and one line here.
/// </summary>
public static class JobEventKinds
{
    public const string Status = "status";
    public const string Progress = "progress";
    public const string Step = "step";
    public const string Epoch = "epoch";
    public const string Validation = "validation";
    public const string Evaluation = "evaluation";
    public const string Predictions = "predictions";
    public const string SimilarityIndex = "similarity";
    public const string Featurize = "featurize";
    public const string RoundOpened = "round";
    public const string NextJob = "next";

    private static readonly Dictionary<string, Type> Types = new()
    {
        [Status] = typeof(StatusEvent),
        [Progress] = typeof(ProgressEvent),
        [Step] = typeof(StepEvent),
        [Epoch] = typeof(EpochEvent),
        [Validation] = typeof(ValidationEvent),
        [Evaluation] = typeof(EvaluationEvent),
        [Predictions] = typeof(PredictionsEvent),
        [SimilarityIndex] = typeof(SimilarityIndexEvent),
        [Featurize] = typeof(FeaturizeEvent),
        [RoundOpened] = typeof(RoundOpenedEvent),
        [NextJob] = typeof(NextJobEvent),
    };

    /// <summary>Every kind and its payload record.</summary>
    public static IReadOnlyDictionary<string, Type> All => Types;

    private static readonly Dictionary<Type, string> Kinds = Types.ToDictionary(t => t.Value, t => t.Key);

    /// <summary>The kind <paramref name="payload"/> is stored under.</summary>
    public static string Of(JobEventPayload payload) =>
        Kinds.TryGetValue(payload.GetType(), out var kind) ? kind
            : throw new ArgumentException($"{payload.GetType().Name} has no kind: add it to {nameof(JobEventKinds)}.", nameof(payload));

    /// <summary>The payload record of <paramref name="kind"/>; null for a kind this build does not know.</summary>
    public static Type? TypeOf(string kind) => Types.GetValueOrDefault(kind);
}

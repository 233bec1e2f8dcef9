using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Web.Rounds;

/// <summary>The open round, live: how much of its batch is decided, by whom, and how well the labellers agree so far.</summary>
/// <param name="Agreement">κ on the overlap items two labellers have decided; null before the first.</param>
public sealed record OpenRound(long BatchId, int Round, string Strategy, DateTime OpenedAt, int Total, int Decided,
    double OverlapFraction, IReadOnlyList<LabellerCount> Labellers, AgreementReport? Agreement)
{
    public bool FullyDecided => Total > 0 && Decided >= Total;
}

/// <summary>One labeller's decisions in the open round.</summary>
public sealed record LabellerCount(string Labeller, int Decided);

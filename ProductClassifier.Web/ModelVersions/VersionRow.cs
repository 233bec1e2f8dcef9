using ProductClassifier.Core.ModelVersions;

namespace ProductClassifier.Web.ModelVersions;

/// <summary>A model version as the models page lists it.</summary>
/// <param name="Origin">How it was made: "training", or "round 3 from v2" for a labelling round's fine-tuning.</param>
public sealed record VersionRow(int Id, int Number, DateTime CreatedAt, string Origin, string Members, int? HumanLabels, int? RuleLabels,
    string Device, VersionScores Scores, bool IsActive, DateTime? ActivatedAt);

using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>The evaluation event of a job's new model version, from its evaluation report.</summary>
internal static class EvaluationEvents
{
    public static EvaluationEvent Of(ModelVersion version, EvaluationReport report)
    {
        var served = report.Models.Single(m => m.Model == ModelEvaluator.Served).Sets[EvaluationReport.GroundTruth];
        return new EvaluationEvent(version.Number, served.MacroF1, served.MicroF1)
        {
            Models = report.Models.Select(m => new MemberScore(m.Model, m.Sets[EvaluationReport.GroundTruth].MacroF1)).ToList(),
            Categories = served.Categories,
        };
    }
}

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Training.Networks;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>A train job: a new model version of the job's catalogue, activated unless the parameters say not.</summary>
public sealed class TrainJobHandler(ModelStore models, ImageStore images, Func<string, PretrainedFeatures> pretrained) : IJobHandler
{
    public const string JobKind = JobKinds.Train;

    public string Kind => JobKind;

    public sealed class Parameters
    {
        public string[]? Models { get; set; }
        public int Folds { get; set; } = 3;
        public int? Epochs { get; set; }
        public int Patience { get; set; } = 3;
        public bool Activate { get; set; } = true;
    }

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var parameters = context.Parameters<Parameters>();
        var catalogue = await context.Db.Catalogues.SingleAsync(c => c.Id == context.Job.CatalogueId, ct);
        context.ReportProgress(0.01, "loading the catalogue");
        var corpus = await CorpusLoader.FromDatabaseAsync(context.Db, catalogue, r => images.PathOf(catalogue.Name, r), ct);
        var request = new TrainRequest(PreprocessingConfig.Resolve(datasetName: catalogue.Name))
        {
            Models = parameters.Models ?? ModelRegistry.MemberNames,
            Folds = parameters.Folds,
            Epochs = parameters.Epochs,
            Patience = parameters.Patience,
            Device = context.Device,
        };
        var runs = request.Models.Count * (request.Folds >= 2 ? request.Folds + 1 : 1) + (request.Folds >= 2 ? 1 : 0);
        using var features = pretrained(catalogue.Name);
        var (version, report, served) = await new VersionTrainer(context.Db, models, new JobMetricsSink(context, runs), features) { Owner = context.Ownership }
            .TrainAsync(catalogue, corpus, request, parameters.Activate, Path.Combine(context.WorkDirectory, "checkpoints"), ct);
        context.Emit(EvaluationEvents.Of(version, report) with { Served = served });
        context.ReportProgress(1, $"model version {version.Number}{(version.IsActive ? " (active)" : "")}");
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Worker;

/// <summary>The worker process: a generic host running <see cref="JobWorker"/> with the job handlers.</summary>
public static class WorkerHost
{
    public static IHost Build(string connectionString, IConfiguration configuration, Action<WorkerOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddDbContextFactory<ClassifierDb>(o => ClassifierDbOptions.Configure(o, connectionString));
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration("Worker").Configure(o => configure?.Invoke(o))
            .ValidateDataAnnotations().ValidateOnStart();
        var models = ModelStore.FromConfiguration(builder.Configuration);
        var images = ImageStore.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(models);
        PretrainedFeatures Pretrained(string name) => PretrainedFeatures.For(name);
        // Each handler wrapped so that any job can be a step of a chain (featurize, then train, …).
        void Handler(Func<IServiceProvider, IJobHandler> create) => builder.Services.AddSingleton<IJobHandler>(sp => new ChainedJobHandler(create(sp)));
        Handler(_ => new TrainJobHandler(models, images, Pretrained));
        Handler(_ => new PredictJobHandler(models, images, Pretrained));
        Handler(_ => new FineTuneRoundJobHandler(models, images, Pretrained));
        Handler(_ => new OpenRoundJobHandler(models, images, Pretrained));
        Handler(_ => new FeaturizeJobHandler(images, PretrainedFeatures.For));
        builder.Services.AddSimilarity();
        Handler(sp => ActivatorUtilities.CreateInstance<IndexSimilarityJobHandler>(sp));
        Handler(_ => new TrainEmbeddingJobHandler(models));
        builder.Services.AddSingleton<WorkerHeartbeat>();
        builder.Services.AddHostedService<JobWorker>();
        return builder.Build();
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Models;
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
        builder.Services.AddSingleton<IJobHandler>(new TrainJobHandler(models, images, Pretrained));
        builder.Services.AddSingleton<IJobHandler>(new PredictJobHandler(models, images, Pretrained));
        builder.Services.AddSingleton<IJobHandler>(new FineTuneRoundJobHandler(models, images, Pretrained));
        builder.Services.AddSimilarity();
        builder.Services.AddSingleton<IJobHandler, IndexSimilarityJobHandler>();
        builder.Services.AddHostedService<JobWorker>();
        return builder.Build();
    }
}

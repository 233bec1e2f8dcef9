using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Web.Access;
using ProductClassifier.Web.Grids;
using ProductClassifier.Web.Jobs;
using ProductClassifier.Web.Labelling;
using ProductClassifier.Web.Rounds;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Web.Similarity;

namespace ProductClassifier.Web.Extensions;

internal static class Extensions
{
    /// <summary>
    /// Finds the database (ConnectionStrings:Postgres, else the project's local cluster, started when
    /// needed), migrates it (unless Database:Migrate is false), and registers the app's services.
    /// </summary>
    public static async Task AddApplicationServicesAsync(this IHostApplicationBuilder builder, CancellationToken ct = default)
    {
        builder.AddSettingsBesideTheAssembly();
        var connectionString = await DatabaseLocator.ResolveAsync(builder.Configuration, Console.Error.WriteLine, ct);
        await DatabaseLocator.PrepareAsync(builder.Configuration, connectionString, ct);
        builder.Services.AddDbContextFactory<ClassifierDb>(o => ClassifierDbOptions.Configure(o, connectionString));

        builder.Services.AddSingleton(sp => ImageStore.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddSignIn();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<JobNotifier>();
        builder.Services.AddLabelling();
        builder.Services.AddSingleton<TaxonomyCache>();
        builder.Services.AddScoped<Downloads>();
        builder.Services.AddSingleton<LabellingWork>();
        builder.Services.AddHostedService<JobEventRelay>();
        builder.Services.AddOptions<RoundsOptions>().BindConfiguration(RoundsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RoundOverview>();
        builder.Services.AddSingleton<SimulationRuns>();
        builder.AddSimilaritySearch();
        builder.Services.AddReadinessChecks().AddCheck<SimilarityIndexHealthCheck>("similarity", tags: [HealthEndpoints.Ready]);
    }

    /// <summary>
    /// Visual similarity: the index readers (never a writer: the CLI and the worker write the embedded index, and the web
    /// app swaps in what they publish) and the ResNet18 featurizer for uploaded images.
    /// </summary>
    private static void AddSimilaritySearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSimilarity();
        builder.Services.AddOptions<SimilaritySearchOptions>().BindConfiguration(SimilaritySearchOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        // On the CPU: an upload is one image (~40 ms), and the GPU belongs to the worker's training jobs.
        builder.Services.AddSingleton(sp => new ImageFeaturizer(new ImageFeaturizerOptions
        {
            Sessions = sp.GetRequiredService<IOptions<SimilaritySearchOptions>>().Value.FeaturizerSessions,
            PreferCuda = false,
        }));
        builder.Services.AddSingleton<SimilaritySearch>();
    }

    /// <summary>
    /// ./run starts the app from the checkout's root, whose content root has no appsettings.json; read the one
    /// beside the assembly instead, beneath every other source so environment and command line still win.
    /// </summary>
    private static void AddSettingsBesideTheAssembly(this IHostApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"))) return;
        var source = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
    }
}

using System.CommandLine;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.Models;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Training.Pipeline;
using Spectre.Console;

namespace ProductClassifier.Training.Cli;

/// <summary>What every verb shares: configuration, the database, the --catalogue option.</summary>
internal static class CliHost
{
    public static readonly Option<string?> CatalogueOption = new("--catalogue")
    {
        Description = "Catalogue to work on (default: the most recently imported or created one)",
        Recursive = true,
    };

    public static IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Resolves the database (starting the local cluster when none is configured) and migrates it, unless Database:Migrate is false.</summary>
    public static async Task<string> ConnectionStringAsync(CancellationToken ct)
    {
        var connectionString = await DatabaseLocator.ResolveAsync(Configuration, Info, ct);
        await DatabaseLocator.PrepareAsync(Configuration, connectionString, ct);
        return connectionString;
    }

    public static async Task<ClassifierDb> OpenAsync(CancellationToken ct) =>
        ClassifierDbOptions.Create(await ConnectionStringAsync(ct));

    public static Task<Catalogue> CatalogueAsync(ClassifierDb db, ParseResult parse, CancellationToken ct) =>
        CatalogueStore.ResolveAsync(db, parse.GetValue(CatalogueOption), ct);

    /// <summary>The catalogue as the learning code sees it, images resolved in the image store.</summary>
    public static Task<Corpus> CorpusAsync(ClassifierDb db, Catalogue catalogue, CancellationToken ct)
    {
        var images = ImageStore.FromConfiguration(Configuration);
        return CorpusLoader.FromDatabaseAsync(db, catalogue, imageRef => images.PathOf(catalogue.Name, imageRef), ct);
    }

    /// <summary>Image and sentence embeddings, cached under <c>.data/features/NAME</c> (a catalogue's or a data set's name).</summary>
    public static PretrainedFeatures PretrainedFeatures(string name, IProgress<FeaturizeProgress>? progress = null) =>
        Pipeline.PretrainedFeatures.For(name, progress);

    /// <summary>The similarity indexes the <c>Similarity</c> section configures (embedded by default).</summary>
    public static SimilarityIndexes SimilarityIndexes()
    {
        var options = Configuration.GetSection(SimilarityOptions.Section).Get<SimilarityOptions>() ?? new SimilarityOptions();
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(options, new(options), validateAllProperties: true);
        return new SimilarityIndexes(Microsoft.Extensions.Options.Options.Create(options));
    }

    /// <summary>
    /// What a catalogue keeps outside the database (model folders, images, its similarity index), removed when it is
    /// deleted or replaced, so nothing of the old catalogue is served under the new one's name.
    /// </summary>
    public static async Task DeleteCatalogueFilesAsync(string catalogue, CancellationToken ct)
    {
        ModelStore.FromConfiguration(Configuration).DeleteCatalogue(catalogue);
        var images = ImageStore.FromConfiguration(Configuration).CatalogueFolder(catalogue);
        if (Directory.Exists(images)) Directory.Delete(images, recursive: true);
        using var indexes = SimilarityIndexes();
        await indexes.DeleteAsync(catalogue, ct);
    }

    /// <summary>A comma-separated option value (<c>--models a,b</c>) as its non-empty, trimmed items; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string[]? List(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Notes on stderr, so a verb's stdout stays what scripts parse.</summary>
    public static void Info(string message) => Console.Error.WriteLine(message);

    /// <summary>Progress bars go to stderr when stdout is redirected, so piped output stays clean.</summary>
    public static IAnsiConsole ProgressConsole { get; } = Console.IsOutputRedirected && !Console.IsErrorRedirected
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
        : AnsiConsole.Console;
}

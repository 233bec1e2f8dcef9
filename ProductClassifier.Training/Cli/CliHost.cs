using System.CommandLine;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.ModelVersions;
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

    private static async Task<ClassifierDb> OpenAsync(CancellationToken ct) =>
        ClassifierDbOptions.Create(await ConnectionStringAsync(ct));

    /// <summary>The same <c>--device</c> for every verb that runs torch.</summary>
    public static readonly Option<string?> DeviceOption = new("--device") { Description = "cpu, cuda or cuda:N (default: CUDA when present, else CPU)" };

    /// <summary>A verb's action against the database: opens it, runs <paramref name="run"/>, closes it.</summary>
    public static Func<ParseResult, CancellationToken, Task> WithDatabase(Func<ParseResult, ClassifierDb, CancellationToken, Task> run) =>
        WithDatabase(_ => true, (p, _, db, ct) => run(p, db, ct));

    /// <summary>
    /// As <see cref="WithDatabase(Func{ParseResult, ClassifierDb, CancellationToken, Task})"/>, reading the verb's input
    /// first with <paramref name="read"/>, so bad input is reported before the database is started or migrated.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task> WithDatabase<TInput>(Func<ParseResult, TInput> read,
        Func<ParseResult, TInput, ClassifierDb, CancellationToken, Task> run) =>
        async (p, ct) =>
        {
            var input = read(p);
            await using var db = await OpenAsync(ct);
            await run(p, input, db, ct);
        };

    /// <summary>A verb's action on the <c>--catalogue</c> (by default the most recently used one).</summary>
    /// <param name="createNamed">Whether a <c>--catalogue</c> that does not exist yet is created (the verbs that import into it).</param>
    public static Func<ParseResult, CancellationToken, Task> WithCatalogue(Func<ParseResult, ClassifierDb, Catalogue, CancellationToken, Task> run,
        bool createNamed = false) =>
        WithCatalogue(_ => true, (p, _, db, catalogue, ct) => run(p, db, catalogue, ct), createNamed);

    /// <summary>As <see cref="WithCatalogue(Func{ParseResult, ClassifierDb, Catalogue, CancellationToken, Task}, bool)"/>, reading the input first.</summary>
    public static Func<ParseResult, CancellationToken, Task> WithCatalogue<TInput>(Func<ParseResult, TInput> read,
        Func<ParseResult, TInput, ClassifierDb, Catalogue, CancellationToken, Task> run, bool createNamed = false) =>
        WithDatabase(read, async (p, input, db, ct) =>
        {
            var catalogue = createNamed && p.GetValue(CatalogueOption) is { Length: > 0 } name
                ? await CatalogueStore.GetOrCreateAsync(db, name, ct)
                : await CatalogueAsync(db, p, ct);
            await run(p, input, db, catalogue, ct);
        });

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

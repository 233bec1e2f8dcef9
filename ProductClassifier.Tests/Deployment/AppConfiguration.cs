using System.Reflection;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Similarity;
using ProductClassifier.Training.Worker;
using ProductClassifier.Web.Access;
using ProductClassifier.Web.Similarity;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// The configuration keys each process reads, taken from the code (options classes bound by section, the single keys'
/// constants), so a compose file or Dockerfile that sets a misspelt or retired key fails a test instead of being ignored.
/// </summary>
internal static class AppConfiguration
{
    private static readonly string[] Shared =
    [
        "ConnectionStrings:Postgres", DatabaseLocator.MigrateKey, ImageStore.RootKey,
        .. Section(SimilarityOptions.Section, typeof(SimilarityOptions)),
    ];

    /// <summary>The web app's keys, and the environment variables it reads besides (ASP.NET Core's port, the data root).</summary>
    public static readonly IReadOnlySet<string> Web = Keys(
    [
        .. Shared,
        .. Section(FirstAdminOptions.Section, typeof(FirstAdminOptions)),
        .. Section(SimilaritySearchOptions.Section, typeof(SimilaritySearchOptions)),
        .. Section(LabellingQueueOptions.Section, typeof(LabellingQueueOptions)),
        SignInExtensions.KeysFolderKey,
        "ASPNETCORE_HTTP_PORTS", ProjectRoot.EnvironmentVariable,
    ]);

    /// <summary>The training process's keys (worker, serve and every verb; serve listens where --urls says).</summary>
    public static readonly IReadOnlySet<string> Training = Keys(
    [
        .. Shared, ModelStore.RootKey,
        .. Section("Worker", typeof(WorkerOptions)),
        ProjectRoot.EnvironmentVariable,
    ]);

    /// <summary>The configuration key an environment variable sets (<c>A__B__0</c> is element 0 of <c>A:B</c>).</summary>
    public static string KeyOf(string variable) =>
        string.Join(':', variable.Split("__").Where(part => !int.TryParse(part, out _)));

    private static IEnumerable<string> Section(string section, Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}:{p.Name}");

    private static HashSet<string> Keys(IEnumerable<string> keys) => new(keys, StringComparer.OrdinalIgnoreCase);
}

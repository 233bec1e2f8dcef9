using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>
/// The real data sets beside the checkout (<c>../shared/data</c>). A fresh clone has none, so tests that use
/// them say so in their output and pass without checking anything.
/// </summary>
internal static class SharedData
{
    public static string? Find(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([ProjectRoot.Find(), "..", "shared", "data", .. parts]));
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    public static string Missing(params string[] parts) =>
        $"SKIPPED (nothing checked): {Path.Combine(["../shared/data", .. parts])} is not present beside this checkout.";
}

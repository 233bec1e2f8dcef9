using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>
/// The real data sets beside the checkout (<c>../shared/data</c>). A fresh clone has none: tests that need them are
/// marked <see cref="SharedDataFactAttribute"/> and are reported as skipped, with the missing path, instead of passing.
/// </summary>
internal static class SharedData
{
    /// <summary>The full path of a file or folder under <c>../shared/data</c>, whether or not it exists.</summary>
    public static string PathOf(params string[] parts) =>
        Path.GetFullPath(Path.Combine([ProjectRoot.Find(), "..", "shared", "data", .. parts]));

    public static bool Exists(params string[] parts) => File.Exists(PathOf(parts)) || Directory.Exists(PathOf(parts));
}

/// <summary>
/// A test that reads a real data set under <c>../shared/data</c>: runs where it is present, and is reported as skipped,
/// naming the missing path, where it is not (a fresh clone).
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] parts)
    {
        if (!SharedData.Exists(parts))
            Skip = $"{Path.Combine(["../shared/data", .. parts])} is not present beside this checkout";
    }
}

namespace ProductClassifier.Core.Data;

/// <summary>The checkout the processes run from: where <c>.data/</c> lives.</summary>
public static class ProjectRoot
{
    public const string EnvironmentVariable = "PRODUCTCLASSIFIER_ROOT";

    public static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnv)) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ProductClassifier.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary><c>.data/</c> under the project root: caches, model store, indexes.</summary>
    public static string DataFolder(params string[] parts) =>
        Path.Combine([Find(), ".data", .. parts]);
}

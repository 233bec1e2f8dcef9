using Microsoft.Extensions.Options;
using ProductClassifier.Core.ActiveLearning;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Web.Rounds;

/// <summary>The <c>./pc simulate</c> runs the rounds page can draw beside the app's rounds: their curves.csv files.</summary>
public sealed class SimulationRuns(IOptions<RoundsOptions> options)
{
    public const string CurvesFile = "curves.csv";

    /// <summary>Every curves.csv under the configured folders, by its path relative to the project root.</summary>
    public IReadOnlyList<string> List()
    {
        var root = ProjectRoot.Find();
        return options.Value.SimulationFolders.Select(f => Path.GetFullPath(Path.Combine(root, f))).Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, CurvesFile, SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A listed run's curves.</summary>
    /// <exception cref="Core.UserFacingException">Not one of the listed files, or not a curves.csv.</exception>
    public async Task<IReadOnlyList<CurvePoint>> ReadAsync(string listed, CancellationToken ct = default)
    {
        if (!List().Contains(listed)) throw new Core.UserFacingException($"'{listed}' is not one of the simulation runs found.");
        var path = Path.Combine(ProjectRoot.Find(), listed);
        return CurvesCsv.Parse(await File.ReadAllTextAsync(path, ct), listed);
    }
}

using System.ComponentModel.DataAnnotations;

namespace ProductClassifier.Web.Rounds;

/// <summary>Configuration section "Rounds".</summary>
public sealed class RoundsOptions
{
    public const string Section = "Rounds";

    /// <summary>
    /// Folders searched (with their sub-folders) for <c>./pc simulate</c> runs, whose curves.csv the rounds page can draw
    /// beside the app's rounds; relative ones are under the project root. The default holds the runs BENCHMARKS.md cites
    /// and the place to keep your own (<c>./pc simulate --out .data/simulations/NAME</c>).
    /// </summary>
    [Required] public string[] SimulationFolders { get; set; } = ["docs/active-learning", ".data/simulations"];

    /// <summary>How often the open round's figures refresh on the page.</summary>
    [Range(typeof(TimeSpan), "00:00:00.2", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}

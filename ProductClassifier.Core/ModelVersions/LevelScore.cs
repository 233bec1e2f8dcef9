namespace ProductClassifier.Core.ModelVersions;

/// <summary>A version's served ensemble on one test set over one tree level (<see cref="AllLevels"/>: the whole tree).</summary>
public sealed class LevelScore
{
    /// <summary>The level of the whole tree's figures.</summary>
    public const int AllLevels = 0;

    public int ModelVersionId { get; set; }
    public required string Set { get; set; }

    /// <summary>1 = top level; <see cref="AllLevels"/> for every category.</summary>
    public int Level { get; set; }
    public double MacroF1 { get; set; }
    public double MicroF1 { get; set; }
}

namespace ProductClassifier.Core.Access;

/// <summary>The roles people and API keys have.</summary>
public static class Roles
{
    public const string Labeller = "Labeller";
    public const string DataScientist = "DataScientist";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Labeller, DataScientist, Admin];
}

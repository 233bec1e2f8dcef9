namespace ProductClassifier.Core.Access;

/// <summary>The roles people and API keys have.</summary>
public static class Roles
{
    public const string Labeller = "Labeller";
    public const string DataScientist = "DataScientist";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Labeller, DataScientist, Admin];

    /// <summary>Who may label: every role (for <c>[Authorize(Roles = …)]</c>).</summary>
    public const string AnyRole = Labeller + "," + DataScientist + "," + Admin;

    /// <summary>Who may read metrics and run jobs.</summary>
    public const string Science = DataScientist + "," + Admin;
}

namespace ProductClassifier.Core.Access;

/// <summary>The roles people and API keys have.</summary>
public static class Roles
{
    public const string Labeller = "Labeller";
    public const string DataScientist = "DataScientist";
    public const string Admin = "Admin";

    /// <summary>
    /// For API keys only: the classify API and nothing else, so a shop's key opens no page, hub or labelling API of the
    /// web app.
    /// </summary>
    public const string Classifier = "Classifier";

    /// <summary>The roles people hold.</summary>
    public static IReadOnlyList<string> All { get; } = [Labeller, DataScientist, Admin];

    /// <summary>The roles a key may have: a person's, or <see cref="Classifier"/>.</summary>
    public static IReadOnlyList<string> ForKeys { get; } = [Labeller, DataScientist, Admin, Classifier];

    /// <summary>Who may label: every role (for <c>[Authorize(Roles = …)]</c>).</summary>
    public const string AnyRole = Labeller + "," + DataScientist + "," + Admin;

    /// <summary>Who may read metrics and run jobs.</summary>
    public const string Science = DataScientist + "," + Admin;

    /// <summary>
    /// Whose keys the classify API serves: programs' (<see cref="Classifier"/>), data scientists' and admins'. A
    /// labeller's key is for the labelling side of the web app, not for classifying a shop's products at volume.
    /// </summary>
    public static IReadOnlyList<string> MayClassify { get; } = [Classifier, DataScientist, Admin];
}

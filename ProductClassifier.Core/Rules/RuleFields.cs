namespace ProductClassifier.Core.Rules;

/// <summary>The names rules files and the <c>rules</c> table use for <see cref="RuleField"/>.</summary>
public static class RuleFields
{
    /// <summary>The accepted names, for error messages.</summary>
    public const string Names = "title, description, brand or any";

    public static bool TryParse(string? name, out RuleField field)
    {
        (var known, field) = name?.Trim().ToLowerInvariant() switch
        {
            "title" => (true, RuleField.Title),
            "description" => (true, RuleField.Description),
            "brand" => (true, RuleField.Brand),
            "any" => (true, RuleField.Any),
            _ => (false, default),
        };
        return known;
    }

    public static string ToName(this RuleField field) => field.ToString().ToLowerInvariant();
}

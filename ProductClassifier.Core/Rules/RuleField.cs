namespace ProductClassifier.Core.Rules;

/// <summary>The product text a rule looks at.</summary>
public enum RuleField
{
    Title,
    Description,
    Brand,

    /// <summary>Title, description or brand.</summary>
    Any,
}

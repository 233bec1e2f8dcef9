namespace ProductClassifier.Core.Rules;

/// <summary>A keyword rule of the old categoriser: any term found in the field labels the category.</summary>
public sealed class Rule
{
    public int Id { get; set; }
    public int CatalogueId { get; set; }

    /// <summary>The rule's id in its source file ("r17").</summary>
    public required string Code { get; set; }
    public int CategoryId { get; set; }

    /// <summary>title, description, brand or any.</summary>
    public required string Field { get; set; }
    public string[] Terms { get; set; } = [];
}

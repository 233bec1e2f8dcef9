namespace ProductClassifier.Core.Rules;

/// <summary>Rule <see cref="RuleId"/> fired for a product and so labelled it with <see cref="CategoryId"/>
/// (the rule's category or one of its ancestors).</summary>
public sealed class RuleLabel
{
    public long ProductId { get; set; }
    public int CategoryId { get; set; }
    public int RuleId { get; set; }
}

using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Web.Labelling;

/// <summary>Turns the labelling queue's item into what the product card shows.</summary>
public static class LabelCards
{
    public static LabelCardModel From(LabellingItem item) => new(
        item.Product.Id, item.Product.Title, item.Product.Description, item.Product.Brand, item.Product.Merchant,
        item.Product.Price, item.Product.Currency, HasImage: !string.IsNullOrEmpty(item.Product.ImageRef), item.Product.Attributes,
        [.. item.Predictions.Select(p => new CategorySuggestion(p.CategoryId, p.Path, p.Probability))],
        [.. item.FiredRules.Select(r => new RuleHit(r.Category.Id, r.Category.Path, $"{r.Code} ({r.Field}: {string.Join(", ", r.Terms)})"))]);

    /// <summary>
    /// The categories ticked when the item shows: the labeller's own earlier decision when they come back to it (after
    /// an undo or from history), else the ensemble's categories above threshold.
    /// </summary>
    public static HashSet<int> InitialSelection(LabellingItem item, LabelCardModel card) =>
        item.PreviousDecision is { } previous ? [.. previous] : [.. card.PreTicked];
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Web.Labelling;

/// <summary>
/// The product under review with the ensemble's suggestions (ticked when selected, numbered 1–9 for the
/// keyboard) and the rule labels with the rules that fired. It shows a selection and raises toggles; the page
/// owns the selection.
/// </summary>
public sealed partial class ProductCard
{
    private const int ClampedLength = 280;
    private const int AttributesShown = 8;
    private static readonly CleaningOptions HtmlOnly = new() { Lowercase = false, NormalizeUnicode = false, CollapseWhitespace = false };

    private IReadOnlyList<CategorySuggestion> _ranked = [];
    private int _numbered;
    private IReadOnlyList<RuleGroup> _rules = [];
    private string _description = "";
    private long? _shownProduct;
    private long? _failedImage;
    private bool _descriptionOpen;
    private bool _attributesOpen;

    [Parameter, EditorRequired] public LabelCardModel Model { get; set; } = null!;

    /// <summary>The categories the labeller has chosen for this product.</summary>
    [Parameter] public IReadOnlySet<int> Selected { get; set; } = new HashSet<int>();

    /// <summary>Categories implied by a selected descendant (<see cref="CategoryIndex.Implied"/>): shown ticked and
    /// greyed, and not toggled from here.</summary>
    [Parameter] public IReadOnlySet<int> Implied { get; set; } = new HashSet<int>();

    /// <summary>Raised with the category of a suggestion or rule label the labeller ticked or unticked.</summary>
    [Parameter] public EventCallback<int> OnToggle { get; set; }

    protected override void OnParametersSet()
    {
        _ranked = Model.Ranked;
        _numbered = Model.Numbered;
        _rules = [.. Model.RuleLabels.GroupBy(r => (r.CategoryId, r.Path))
            .Select(g => new RuleGroup(g.Key.CategoryId, g.Key.Path, [.. g.Select(r => r.RuleName).Distinct().Order(StringComparer.Ordinal)]))
            .OrderBy(g => g.Path, StringComparer.Ordinal)];
        // Feeds put HTML in descriptions; the card shows it as the plain text a reader would see.
        _description = Readable(Model.Description);
        if (_shownProduct != Model.ProductId)
        {
            _shownProduct = Model.ProductId;
            _descriptionOpen = _attributesOpen = false;
        }
    }

    private bool IsImplied(int id) => Implied.Contains(id);

    private bool IsTicked(int id) => Selected.Contains(id) || Implied.Contains(id);

    private Task ToggleAsync(int id) => IsImplied(id) ? Task.CompletedTask : OnToggle.InvokeAsync(id);

    /// <summary>Feed text as a reader would see it: HTML gone, spaces collapsed, line breaks kept (at most one blank line).</summary>
    internal static string Readable(string? text)
    {
        var plain = Spaces().Replace(TextCleaner.Clean(text, HtmlOnly), " ");
        return BlankLines().Replace(SpacedBreaks().Replace(plain, "\n"), "\n\n").Trim();
    }

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@" ?\n ?")]
    private static partial Regex SpacedBreaks();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    private static string FormatPrice(decimal price, string? currency) => $"{price:0.00} {currency}".Trim();

    private static string Percent(double probability) =>
        (probability * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static Color ConfidenceColor(double probability) => probability switch
    {
        >= 0.8 => Color.Success,
        >= 0.5 => Color.Primary,
        _ => Color.Warning,
    };

    private sealed record RuleGroup(int CategoryId, string Path, IReadOnlyList<string> RuleNames);
}

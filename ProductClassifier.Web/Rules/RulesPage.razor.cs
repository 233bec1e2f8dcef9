using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Rules;
using ProductClassifier.Web.Evidence;
using ProductClassifier.Web.Grids;

namespace ProductClassifier.Web.Rules;

/// <summary>
/// <c>/rules</c>: the rule audit of <c>./pc rules audit</c> in the browser — each rule against the ground truth, worst
/// first; per category, which rules cause its errors; a rule's wrong firings and misses (<c>?rule=CODE</c>).
/// </summary>
public sealed partial class RulesPage
{
    /// <summary>Products per list under a chosen rule.</summary>
    public const int ProductLimit = 25;

    private static readonly IReadOnlyList<GridColumn<RuleAuditRow>> RuleColumns =
    [
        new("code", "Rule", r => r.Code),
        new("category", "Category", r => r.CategoryPath),
        GridColumn<RuleAuditRow>.Number("fired", "Fired", r => r.Fired, "N0"),
        GridColumn<RuleAuditRow>.Number("wrong", "Wrong", r => r.Wrong, "N0"),
        GridColumn<RuleAuditRow>.Number("missed", "Missed", r => r.Missed, "N0"),
        GridColumn<RuleAuditRow>.Number("precision", "Precision", r => r.Precision),
        GridColumn<RuleAuditRow>.Number("recall", "Recall", r => r.Recall),
    ];

    private static readonly IReadOnlyList<GridColumn<RuleCategoryErrors>> CategoryColumns =
    [
        new("category", "Category", c => c.CategoryPath),
        GridColumn<RuleCategoryErrors>.Number("false-positives", "False positives", c => c.FalsePositives, "N0"),
        GridColumn<RuleCategoryErrors>.Number("false-negatives", "False negatives", c => c.FalseNegatives, "N0"),
        GridColumn<RuleCategoryErrors>.Number("correct", "Correct", c => c.Correct, "N0"),
        new("causes", "False positives by rule", c => string.Join(", ", c.Causes.Select(s => $"{s.Rule} {s.FalsePositives}"))),
    ];

    private readonly CancellationTokenSource _disposed = new();
    private string? _loadedFor;
    private string? _catalogueName;
    private int _catalogueId;
    private RuleAudit? _audit;
    private RuleAuditReport? _report;
    private IReadOnlyList<RuleCategoryErrors> _categories = [];
    private RuleProducts? _products;
    private IReadOnlyList<EvidenceProduct> _wrong = [], _missed = [];
    private string? _error;

    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }
    [SupplyParameterFromQuery(Name = "rule")] public string? Rule { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var ct = _disposed.Token;
        try
        {
            await using var db = await Dbs.CreateDbContextAsync(ct);
            if (_loadedFor != Catalogue || _audit is null)
            {
                var catalogue = await CatalogueStore.ResolveAsync(db, Catalogue, ct);
                (_catalogueName, _catalogueId) = (catalogue.Name, catalogue.Id);
                _audit = await RuleAudit.LoadAsync(db, catalogue.Id, ct);
                _report = _audit.Report();
                _categories = _audit.Categories();
                _loadedFor = Catalogue;
                if (_audit.Rules.Count == 0) throw new UserFacingException($"Catalogue '{catalogue.Name}' has no rules: import them with `./pc rules import`.");
                if (_report.Products == 0)
                    throw new UserFacingException($"Catalogue '{catalogue.Name}' has no ground truth to audit the rules against: import its data set with --ground-truth, or label products.");
            }
            _error = null;
            var products = Rule is { Length: > 0 } code && _audit.Rules.Any(r => r.Code == code) ? _audit.ProductsOf(code) : null;
            IReadOnlyList<EvidenceProduct> wrong = [], missed = [];
            if (products is not null)
            {
                wrong = await ProductEvidence.LoadAsync(db, _catalogueId, products.FiredWrongly.Take(ProductLimit).ToList(), null, ct);
                missed = await ProductEvidence.LoadAsync(db, _catalogueId, products.Missed.Take(ProductLimit).ToList(), null, ct);
            }
            // Set together: the page renders while this method awaits, and must never show one rule's name over another's products.
            (_products, _wrong, _missed) = (products, wrong, missed);
        }
        catch (UserFacingException e)
        {
            _error = e.Message;
        }
    }

    private void Select(RuleAuditRow row) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["rule"] = row.Code }), replace: true);

    private static string Shown(int count) => count > ProductLimit ? $" (the first {ProductLimit})" : "";

    private static string SummaryText(RuleAuditReport r) => string.Create(CultureInfo.InvariantCulture,
        $"Over {r.Products:N0} products with ground truth, the rules' labels have precision {r.Precision:F3} and recall {r.Recall:F3}: " +
        $"{r.Correct:N0} of {r.Predicted:N0} rule-labelled and {r.Reference:N0} true (product, category) pairs agree.");

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}

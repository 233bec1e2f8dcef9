using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Labelling;

namespace ProductClassifier.Web.Labelling;

/// <summary>Admins see how well labellers agree (Cohen's κ per category) and settle conflicts; the resolution is the ground truth.</summary>
public sealed partial class ReviewPage
{
    private Catalogue? _catalogue;
    private AgreementReport? _agreement;
    private IReadOnlyList<LabelConflict> _conflicts = [];

    [Inject] private LabelReview Review { get; set; } = default!;
    [Inject] private IDbContextFactory<ClassifierDb> Dbs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "catalogue")] public string? Catalogue { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        await using (var db = await Dbs.CreateDbContextAsync())
            _catalogue = await db.Catalogues.AnyAsync() ? await CatalogueStore.ResolveAsync(db, Catalogue) : null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_catalogue is null) return;
        _agreement = await Review.AgreementAsync(_catalogue.Id);
        _conflicts = await Review.ConflictsAsync(_catalogue.Id);
    }

    private async Task ResolveAsync(long productId, LabellerChoice choice)
    {
        var admin = (await Authentication).User.Identity!.Name!;
        try
        {
            await Review.ResolveAsync(admin, productId, [.. choice.Categories.Select(c => c.Id)]);
        }
        catch (UserFacingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await LoadAsync();
    }

    /// <summary>The most specific categories of a choice (the rest are their ancestors).</summary>
    private static IEnumerable<string> Leaves(LabellerChoice choice) =>
        choice.Categories.Where(c => !choice.Categories.Any(o => o.Path.StartsWith(c.Path + Core.Taxonomy.Category.PathSeparator, StringComparison.Ordinal)))
            .Select(c => c.Path);
}

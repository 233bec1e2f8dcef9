using Bunit;
using ProductClassifier.Core.Taxonomy;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

public sealed class CategoryPickerTests
{
    private const string Google = "google-product-taxonomy-2021-09-21.txt";

    private static readonly string[] SmallTaxonomy =
    [
        "Apparel > Shoes > Boots",
        "Apparel > Shoes > Sneakers",
        "Apparel > Bags",
        "Home > Kitchen > Mugs",
        "Home > Garden",
    ];

    private sealed class Recorder
    {
        public readonly List<int> Toggled = [];
        public IReadOnlySet<int>? Changed;
    }

    private static IRenderedComponent<CategoryPicker> Render(BunitContext ctx, IReadOnlyList<PickerCategory> categories,
        IReadOnlySet<int>? selected = null, Recorder? recorder = null, IReadOnlyList<int>? recent = null, IReadOnlyList<int>? frequent = null) =>
        ctx.Render<CategoryPicker>(p => p
            .Add(c => c.Categories, categories)
            .Add(c => c.Selected, selected ?? new HashSet<int>())
            .Add(c => c.Recent, recent ?? [])
            .Add(c => c.Frequent, frequent ?? [])
            .Add(c => c.SearchDebounceMs, 0)
            .Add(c => c.OnToggle, (int id) => recorder?.Toggled.Add(id))
            .Add(c => c.SelectedChanged, (IReadOnlySet<int> s) => { if (recorder is not null) recorder.Changed = s; }));

    private static void Type(IRenderedComponent<CategoryPicker> picker, string text) =>
        picker.Find(".category-picker input").Input(text);

    private static List<string> Rows(IRenderedComponent<CategoryPicker> picker) =>
        [.. picker.FindAll(".picker-row").Select(r => r.QuerySelector(".picker-name")!.ChildNodes[0].TextContent.Trim())];

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<CategoryPicker> picker, int id) =>
        picker.Find($".picker-row[data-category='{id}']");

    private static bool Ticked(IRenderedComponent<CategoryPicker> picker, int id) =>
        Row(picker, id).QuerySelector("input[type=checkbox]")!.HasAttribute("checked");

    private static bool Greyed(IRenderedComponent<CategoryPicker> picker, int id) =>
        Row(picker, id).QuerySelector("input[type=checkbox]")!.HasAttribute("disabled") && Row(picker, id).ClassList.Contains("picker-implied");

    [SharedDataFact("taxonomies", Google)]
    public async Task Type_ahead_finds_a_deep_category_of_the_google_taxonomy_exact_name_first()
    {
        var categories = LabellingTestContext.Categories(TaxonomyParser.ParseFile(SharedData.PathOf("taxonomies", Google)));
        await using var ctx = LabellingTestContext.Create();
        var recorder = new Recorder();
        var picker = Render(ctx, categories, recorder: recorder);

        Type(picker, "cardst");

        picker.WaitForAssertion(() => Assert.Equal(["Cardstock & Scrapbooking Paper", "Cardstock"], Rows(picker).Take(2)));
        Type(picker, "cardstock");
        // The exact name at depth 7 outranks its shallower parent, whose name only starts with the query.
        picker.WaitForAssertion(() => Assert.Equal(["Cardstock", "Cardstock & Scrapbooking Paper"], Rows(picker).Take(2)));
        var cardstock = categories.IdOf("Arts & Entertainment > Hobbies & Creative Arts > Arts & Crafts > Art & Crafting Materials > Art & Craft Paper > Cardstock & Scrapbooking Paper > Cardstock");
        Assert.Equal(7, categories.Single(c => c.Id == cardstock).Depth);
        Assert.Contains("Art & Craft Paper › Cardstock & Scrapbooking Paper", picker.Find($".picker-row[data-category='{cardstock}'] .picker-parent").TextContent);

        Row(picker, cardstock).QuerySelector(".picker-name")!.Click();

        Assert.Equal([cardstock], recorder.Toggled);
        Assert.Equal(new HashSet<int> { cardstock }, recorder.Changed);
    }

    [SharedDataFact("taxonomies", Google)]
    public async Task Renders_at_most_fifty_results_of_the_google_taxonomy_and_counts_the_rest()
    {
        var categories = LabellingTestContext.Categories(TaxonomyParser.ParseFile(SharedData.PathOf("taxonomies", Google)));
        await using var ctx = LabellingTestContext.Create();
        var picker = Render(ctx, categories);

        Assert.Equal(21, picker.FindAll(".picker-row").Count); // the closed tree: Google's top level only
        Type(picker, "acc");

        picker.WaitForAssertion(() => Assert.Equal(50, picker.FindAll(".picker-row").Count));
        var total = CategoryIndex.For(categories).Search("acc").Total;
        Assert.True(total > 50, $"only {total} matches");
        Assert.Contains($"Best 50 of {total:N0} matches", picker.Find("[data-testid=result-count]").TextContent);
    }

    [Fact]
    public async Task Shows_the_ancestors_of_a_selected_category_ticked_and_greyed_and_keeps_them()
    {
        var categories = LabellingTestContext.Categories(SmallTaxonomy);
        var boots = categories.IdOf("Apparel > Shoes > Boots");
        var shoes = categories.IdOf("Apparel > Shoes");
        var apparel = categories.IdOf("Apparel");
        await using var ctx = LabellingTestContext.Create();
        var recorder = new Recorder();

        var picker = Render(ctx, categories, new HashSet<int> { boots }, recorder);

        // The tree opens onto the selection.
        Assert.Equal(["Apparel", "Bags", "Shoes", "Boots", "Sneakers", "Home"], Rows(picker));
        Assert.True(Ticked(picker, boots));
        Assert.False(Greyed(picker, boots));
        Assert.True(Ticked(picker, shoes) && Greyed(picker, shoes));
        Assert.True(Ticked(picker, apparel) && Greyed(picker, apparel));
        Assert.False(Ticked(picker, categories.IdOf("Apparel > Bags")));

        Row(picker, shoes).QuerySelector(".picker-name")!.Click();
        Assert.Empty(recorder.Toggled);

        Row(picker, boots).QuerySelector("input[type=checkbox]")!.Change(false);
        Assert.Equal([boots], recorder.Toggled);
        Assert.Empty(recorder.Changed!);
    }

    [Fact]
    public async Task Shows_recent_and_frequent_categories_as_chips_that_toggle()
    {
        var categories = LabellingTestContext.Categories(SmallTaxonomy);
        var mugs = categories.IdOf("Home > Kitchen > Mugs");
        var bags = categories.IdOf("Apparel > Bags");
        var garden = categories.IdOf("Home > Garden");
        await using var ctx = LabellingTestContext.Create();
        var recorder = new Recorder();

        var picker = Render(ctx, categories, new HashSet<int> { mugs }, recorder, recent: [mugs, bags, 9999], frequent: [garden]);

        var recent = picker.Find("[data-testid=recent-chips]");
        Assert.Equal(["Kitchen › Mugs", "Apparel › Bags"], recent.QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("mud-chip-filled", recent.QuerySelectorAll(".mud-chip")[0].ClassList); // ticked
        Assert.Contains("mud-chip-outlined", recent.QuerySelectorAll(".mud-chip")[1].ClassList);
        Assert.Equal(["Home › Garden"], picker.Find("[data-testid=frequent-chips]").QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()));

        picker.Find("[data-testid=frequent-chips] .mud-chip").Click();

        Assert.Equal([garden], recorder.Toggled);
        Assert.Equal(new HashSet<int> { mugs, garden }, recorder.Changed);
    }

    [Fact]
    public async Task Lists_the_selection_as_chips_that_close_except_implied_ones()
    {
        var categories = LabellingTestContext.Categories(SmallTaxonomy);
        var sneakers = categories.IdOf("Apparel > Shoes > Sneakers");
        var shoes = categories.IdOf("Apparel > Shoes");
        await using var ctx = LabellingTestContext.Create();
        var recorder = new Recorder();
        var picker = Render(ctx, categories, new HashSet<int> { sneakers, shoes }, recorder);

        var chips = picker.FindAll("[data-testid=selected-chips] .mud-chip");

        Assert.Equal(["Apparel › Shoes", "Shoes › Sneakers"], chips.Select(c => c.TextContent.Trim()));
        Assert.Null(chips[0].QuerySelector("button")); // Shoes is implied by Sneakers: no close button
        chips[1].QuerySelector("button")!.Click();
        Assert.Equal([sneakers], recorder.Toggled);
        Assert.Equal(new HashSet<int> { shoes }, recorder.Changed);
    }

    [Fact]
    public async Task Keys_in_the_search_box_move_through_the_results_and_tick_one()
    {
        var categories = LabellingTestContext.Categories(SmallTaxonomy);
        await using var ctx = LabellingTestContext.Create();
        var recorder = new Recorder();
        var picker = Render(ctx, categories, recorder: recorder);

        Type(picker, "s");
        picker.WaitForAssertion(() => Assert.Equal(["Shoes", "Sneakers", "Boots"], Rows(picker)));
        var input = picker.Find(".category-picker input");
        input.KeyDown("ArrowDown");
        Assert.Contains("picker-highlighted", picker.Find($".picker-row[data-category='{categories.IdOf("Apparel > Shoes > Sneakers")}']").ClassList);
        picker.Find(".category-picker input").KeyDown("Enter");

        Assert.Equal([categories.IdOf("Apparel > Shoes > Sneakers")], recorder.Toggled);
        picker.Find(".category-picker input").KeyDown("Escape");
        picker.WaitForAssertion(() => Assert.Equal(["Apparel", "Home"], Rows(picker)));
    }

    [Fact]
    public async Task Expands_and_collapses_the_tree()
    {
        var categories = LabellingTestContext.Categories(SmallTaxonomy);
        await using var ctx = LabellingTestContext.Create();
        var picker = Render(ctx, categories);

        Assert.Equal(["Apparel", "Home"], Rows(picker));
        Row(picker, categories.IdOf("Home")).QuerySelector(".picker-expander")!.Click();
        Assert.Equal(["Apparel", "Home", "Garden", "Kitchen"], Rows(picker));
        Row(picker, categories.IdOf("Home")).QuerySelector(".picker-expander")!.Click();
        Assert.Equal(["Apparel", "Home"], Rows(picker));
    }

    [Fact]
    public async Task Focuses_the_search_box_on_request()
    {
        var categories = LabellingTestContext.Categories(SmallTaxonomy);
        await using var ctx = LabellingTestContext.Create();
        var picker = Render(ctx, categories);

        await picker.InvokeAsync(picker.Instance.FocusSearchAsync);

        ctx.JSInterop.VerifyFocusAsyncInvoke();
    }
}

using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

public sealed class ProductCardTests
{
    // Ids 101–111 with probabilities 0.95, 0.90, … falling by 0.05: 101 is the most probable.
    private static List<CategorySuggestion> Suggestions(int count) =>
        [.. Enumerable.Range(0, count).Reverse().Select(i =>
            new CategorySuggestion(101 + i, $"Home > Kitchen > Item {i + 1:D2}", 0.95 - 0.05 * i, Predicted: i < 3))];

    private static LabelCardModel Model(bool hasImage = true, int suggestions = 11, string? description = " A <b>sturdy</b> mug &amp; saucer.\nDishwasher safe. ") =>
        new(7, "Blue mug", description, "Acme", "Mugs Inc", 12.5m, "EUR", hasImage,
            new Dictionary<string, string> { ["colour"] = "blue", ["material"] = "stoneware" },
            Suggestions(suggestions),
            [new RuleHit(201, "Home > Kitchen > Mugs", "r17"), new RuleHit(201, "Home > Kitchen > Mugs", "r4"), new RuleHit(202, "Home > Kitchen", "r4")]);

    private static IRenderedComponent<ProductCard> Render(BunitContext ctx, LabelCardModel model, IReadOnlySet<int> selected,
        IReadOnlySet<int>? implied = null, Action<int>? onToggle = null) =>
        ctx.Render<ProductCard>(p => p
            .Add(c => c.Model, model)
            .Add(c => c.Selected, selected)
            .Add(c => c.Implied, implied ?? new HashSet<int>())
            .Add(c => c.OnToggle, onToggle ?? (_ => { })));

    private static bool Ticked(IRenderedComponent<ProductCard> card, int categoryId) =>
        card.Find($"[data-category='{categoryId}'] input[type=checkbox]").HasAttribute("checked");

    [Fact]
    public async Task Html_and_script_from_a_feed_show_as_text_and_never_become_elements()
    {
        await using var ctx = LabellingTestContext.Create();
        const string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var model = Model(description: hostile) with
        {
            Title = hostile,
            Brand = hostile,
            Merchant = hostile,
            Attributes = new Dictionary<string, string> { [hostile] = hostile },
        };

        var card = Render(ctx, model, new HashSet<int>());

        Assert.Empty(card.FindAll("script"));
        Assert.Equal(["images/7"], card.FindAll("img").Select(i => i.GetAttribute("src")));
        Assert.Empty(card.FindAll("[onerror]"));
        Assert.Equal(hostile, card.Find("[data-testid=title]").TextContent);
        Assert.Contains(hostile, card.Find("[data-testid=brand]").TextContent);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", card.Markup);
    }

    [Fact]
    public async Task Shows_the_product()
    {
        await using var ctx = LabellingTestContext.Create();

        var card = Render(ctx, Model(), new HashSet<int>());

        Assert.Equal("Blue mug", card.Find("[data-testid=title]").TextContent);
        Assert.Equal("images/7", card.Find(".card-image img").GetAttribute("src"));
        Assert.Contains("12.50 EUR", card.Find("[data-testid=price]").TextContent);
        Assert.Contains("Acme", card.Find("[data-testid=brand]").TextContent);
        Assert.Contains("Mugs Inc", card.Find("[data-testid=merchant]").TextContent);
        Assert.Equal("A sturdy mug & saucer.\nDishwasher safe.", card.Find("[data-testid=description]").TextContent);
        var attributes = card.FindAll("[data-testid=attributes] tr").Select(r => r.TextContent).ToList();
        Assert.Equal(["colourblue", "materialstoneware"], attributes);
    }

    [Fact]
    public async Task Shows_a_placeholder_without_an_image_or_when_the_image_fails()
    {
        await using var ctx = LabellingTestContext.Create();

        var without = Render(ctx, Model(hasImage: false), new HashSet<int>());
        var failing = Render(ctx, Model(), new HashSet<int>());
        failing.Find(".card-image img").TriggerEvent("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());

        Assert.Empty(without.FindAll(".card-image img"));
        Assert.Contains("No image", without.Find("[data-testid=no-image]").TextContent);
        Assert.Empty(failing.FindAll(".card-image img"));
        Assert.NotNull(failing.Find("[data-testid=no-image]"));
    }

    [Fact]
    public async Task Lists_suggestions_most_probable_first_with_confidence_and_numbers_1_to_9()
    {
        await using var ctx = LabellingTestContext.Create();
        var model = Model();

        var card = Render(ctx, model, model.PreTicked);

        var rows = card.FindAll(".card-suggestion");
        Assert.Equal(11, rows.Count);
        Assert.Equal(Enumerable.Range(101, 11).Select(i => i.ToString()), rows.Select(r => r.GetAttribute("data-category")));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9"], card.FindAll(".card-suggestion kbd").Select(k => k.TextContent));
        Assert.Empty(rows[9].QuerySelectorAll("kbd"));
        Assert.Equal("95%", rows[0].QuerySelector(".card-confidence")!.TextContent);
        Assert.Equal("45%", rows[10].QuerySelector(".card-confidence")!.TextContent);
        Assert.Equal(95, card.FindComponents<MudProgressLinear>()[0].Instance.GetState(x => x.Value), precision: 6);
        Assert.Contains("Item 01", rows[0].QuerySelector(".card-path-name")!.TextContent);
        // Pre-ticked: the three predicted (above threshold); the weaker candidates are shown unticked.
        Assert.Equal([101, 102, 103], model.PreTicked.Order());
        Assert.True(Ticked(card, 101));
        Assert.True(Ticked(card, 103));
        Assert.False(Ticked(card, 104));
        Assert.Equal(101, model.CategoryForShortcut(1));
        Assert.Equal(109, model.CategoryForShortcut(9));
        Assert.Null(model.CategoryForShortcut(10));
        Assert.Null(Model(suggestions: 2).CategoryForShortcut(3));
    }

    [Fact]
    public async Task Numbers_the_most_specific_suggestions_and_lists_the_ancestors_they_cover_after_them()
    {
        await using var ctx = LabellingTestContext.Create();
        var model = Model() with
        {
            Suggestions =
            [
                new(1, "Apparel", 0.99), new(2, "Apparel > Clothing", 0.97), new(3, "Apparel > Clothing > Shirts", 0.86),
                new(4, "Apparel > Clothing > Activewear", 0.41, Predicted: false), new(5, "Apparel > Clothes Hangers", 0.2, Predicted: false),
            ],
        };

        var card = Render(ctx, model, model.PreTicked, implied: new HashSet<int> { 1, 2 });

        Assert.Equal(["3", "4", "5", "1", "2"], card.FindAll(".card-suggestion").Select(r => r.GetAttribute("data-category")));
        Assert.Equal(["1", "2", "3"], card.FindAll(".card-suggestion kbd").Select(k => k.TextContent));
        Assert.Equal([3, 4, 5], Enumerable.Range(1, 3).Select(n => model.CategoryForShortcut(n)));
        Assert.Null(model.CategoryForShortcut(4));
        Assert.Equal("Shirts", card.Find("[data-category='3'] .card-path-name").TextContent);
        Assert.Contains("Apparel › Clothing ›", card.Find("[data-category='3'] .card-path-parent").TextContent);
    }

    [Fact]
    public async Task Shows_rule_labels_with_the_rules_that_fired()
    {
        await using var ctx = LabellingTestContext.Create();

        var card = Render(ctx, Model(), new HashSet<int> { 201 });

        var rules = card.FindAll(".card-rule");
        Assert.Equal(["202", "201"], rules.Select(r => r.GetAttribute("data-category")));
        Assert.Equal(["r4"], rules[0].QuerySelectorAll(".card-rule-name").Select(c => c.TextContent.Trim()));
        Assert.Equal(["r17", "r4"], rules[1].QuerySelectorAll(".card-rule-name").Select(c => c.TextContent.Trim()));
        Assert.Equal("Mugs", rules[1].QuerySelector(".card-path-name")!.TextContent);
        Assert.Equal("Home > Kitchen > Mugs", rules[1].QuerySelector(".card-path")!.GetAttribute("title"));
        Assert.True(Ticked(card, 201));
        Assert.False(Ticked(card, 202));
    }

    [Fact]
    public async Task A_category_both_suggested_and_rule_labelled_shows_in_both_lists_and_survives_a_toggle()
    {
        await using var ctx = LabellingTestContext.Create();
        // 101 is the model's best suggestion and a rule's label too (the usual case when model and rules agree).
        var model = Model() with { RuleLabels = [new RuleHit(101, "Home > Kitchen > Item 01", "r1")] };
        var card = Render(ctx, model, new HashSet<int> { 101 });

        // Re-rendering diffs the keyed rows: a key shared by a suggestion row and a rule row used to throw here.
        card.Render(p => p.Add(c => c.Selected, new HashSet<int>()));

        Assert.Single(card.FindAll(".card-suggestion[data-category='101']"));
        Assert.Single(card.FindAll(".card-rule[data-category='101']"));
        Assert.False(Ticked(card, 101));
    }

    [Fact]
    public async Task Clicking_a_suggestion_or_rule_label_raises_a_toggle()
    {
        await using var ctx = LabellingTestContext.Create();
        var toggled = new List<int>();
        var model = Model();
        var card = Render(ctx, model, model.PreTicked, onToggle: toggled.Add);

        card.Find("[data-category='102'] input[type=checkbox]").Change(false);
        card.Find("[data-category='105'] .card-path").Click();
        card.Find(".card-rule[data-category='201'] input[type=checkbox]").Change(true);

        Assert.Equal([102, 105, 201], toggled);
    }

    [Fact]
    public async Task Implied_categories_show_ticked_and_do_not_toggle()
    {
        await using var ctx = LabellingTestContext.Create();
        var toggled = new List<int>();

        var card = Render(ctx, Model(), new HashSet<int> { 201 }, implied: new HashSet<int> { 202 }, onToggle: toggled.Add);
        card.Find(".card-rule[data-category='202'] .card-path").Click();

        Assert.True(Ticked(card, 202));
        Assert.Contains("card-implied", card.Find(".card-rule[data-category='202']").ClassList);
        Assert.Empty(toggled);
    }

    [Fact]
    public async Task Clamps_a_long_description_until_expanded()
    {
        await using var ctx = LabellingTestContext.Create();
        var card = Render(ctx, Model(description: string.Join(' ', Enumerable.Repeat("Very long words.", 40))), new HashSet<int>());

        Assert.Contains("card-clamped", card.Find("[data-testid=description]").ClassList);
        card.FindAll("button").Single(b => b.TextContent.Trim() == "More").Click();

        Assert.DoesNotContain("card-clamped", card.Find("[data-testid=description]").ClassList);
    }

    [Theory]
    [InlineData("<p>One</p>\r\n\r\n\r\n<p>Two &amp;  three</p>", "One\n\nTwo & three")]
    [InlineData("  a<br>b  ", "a b")]
    [InlineData(null, "")]
    public void Shows_descriptions_as_plain_text_with_their_line_breaks(string? description, string expected) =>
        Assert.Equal(expected, ProductCard.Readable(description));
}

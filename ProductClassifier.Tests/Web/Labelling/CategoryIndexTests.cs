using ProductClassifier.Web.Labelling;

namespace ProductClassifier.Tests.Web.Labelling;

public sealed class CategoryIndexTests
{
    private static readonly string[] Paths =
    [
        "Apparel > Shoes > Boots",
        "Apparel > Shoes > Shoe Care > Shoe Polish",
        "Apparel > Shoes > Shoelaces",
        "Sports > Running Shoes",
        "Home > Shoe Racks",
        "Home > Café Tables",
    ];

    private static List<string> Names(CategorySearchResult result) => [.. result.Hits.Select(h => h.Name)];

    [Fact]
    public void Ranks_the_exact_name_first_then_names_that_match_then_matches_in_ancestors()
    {
        var index = new CategoryIndex(LabellingTestContext.Categories(Paths));

        var result = index.Search("shoes");

        Assert.Equal(["Shoes", "Running Shoes", "Boots", "Shoe Care", "Shoelaces", "Shoe Polish"], Names(result));
        Assert.Equal(6, result.Total);
    }

    [Fact]
    public void Matches_the_start_of_any_word_so_a_partly_typed_word_finds_its_category()
    {
        var index = new CategoryIndex(LabellingTestContext.Categories(Paths));

        Assert.Equal(["Running Shoes"], Names(index.Search("run sho")));
        // Names that start with the word, shallow first; then names with it as a later word; then ancestors.
        Assert.Equal(["Shoes", "Shoe Racks", "Shoe Care", "Shoelaces", "Shoe Polish", "Running Shoes", "Boots"], Names(index.Search("SHOE")));
        Assert.Equal(["Shoe Polish"], Names(index.Search("shoe  pol")));
    }

    [Fact]
    public void Falls_back_to_matches_inside_a_word_and_ignores_case_and_accents()
    {
        var index = new CategoryIndex(LabellingTestContext.Categories(Paths));

        Assert.Equal(["Shoelaces"], Names(index.Search("laces")));
        Assert.Equal(["Café Tables"], Names(index.Search("cafe")));
        Assert.Equal(["Café Tables"], Names(index.Search("CAFÉ")));
        Assert.Empty(index.Search("la").Hits); // two letters inside a word would match nearly everything
        Assert.Empty(index.Search("  > ").Hits);
    }

    [Fact]
    public void Returns_at_most_the_limit_and_counts_the_rest()
    {
        var index = new CategoryIndex(LabellingTestContext.Categories(Paths));

        var result = index.Search("shoe", limit: 2);

        Assert.Equal(["Shoes", "Shoe Racks"], Names(result));
        Assert.Equal(7, result.Total);
    }

    [Fact]
    public void A_selected_category_implies_its_ancestors()
    {
        var categories = LabellingTestContext.Categories(Paths);
        var index = new CategoryIndex(categories);
        var polish = categories.IdOf("Apparel > Shoes > Shoe Care > Shoe Polish");
        var shoes = categories.IdOf("Apparel > Shoes");
        var care = categories.IdOf("Apparel > Shoes > Shoe Care");
        var apparel = categories.IdOf("Apparel");
        var racks = categories.IdOf("Home > Shoe Racks");

        Assert.Equal([care, shoes, apparel], index.AncestorsOf(polish));
        Assert.Equal(new HashSet<int> { care, shoes, apparel, categories.IdOf("Home") }, index.Implied([polish, racks, shoes]));
        Assert.Equal(new HashSet<int> { polish, care, shoes, apparel }, index.WithAncestors([polish, 9999]));
    }

    [Fact]
    public void Lists_the_tree_by_name()
    {
        var categories = LabellingTestContext.Categories(Paths);
        var index = new CategoryIndex(categories);

        Assert.Equal(["Apparel", "Home", "Sports"], index.Roots.Select(r => r.Name));
        Assert.Equal(["Boots", "Shoe Care", "Shoelaces"], index.ChildrenOf(categories.IdOf("Apparel > Shoes")).Select(c => c.Name));
        Assert.Empty(index.ChildrenOf(categories.IdOf("Apparel > Shoes > Boots")));
    }

    [Fact]
    public void Builds_one_index_per_category_list()
    {
        var categories = LabellingTestContext.Categories(Paths);

        Assert.Same(CategoryIndex.For(categories), CategoryIndex.For(categories));
        Assert.NotSame(CategoryIndex.For(categories), CategoryIndex.For(LabellingTestContext.Categories(Paths)));
    }
}

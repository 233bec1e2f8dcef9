using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Tests.Core.Taxonomy;

public sealed class TaxonomyBuilderTests
{
    [Fact]
    public void Feed_paths_build_a_tree_with_every_ancestor_once()
    {
        var builder = new TaxonomyBuilder();

        Assert.Equal("Apparel > Topwear > Tshirts", builder.Add(["Apparel", "Topwear", "Tshirts"]));
        builder.Add(["Apparel", "Topwear", "Shirts"]);
        builder.Add(["Apparel", "Topwear", "Tshirts"]);
        builder.Add("Footwear > Shoes");
        var tree = builder.Build();

        Assert.Equal(["Apparel", "Footwear", "Apparel > Topwear", "Footwear > Shoes", "Apparel > Topwear > Tshirts", "Apparel > Topwear > Shirts"],
            tree.Nodes.Select(n => n.Path));
        Assert.Equal(TaxonomyFormat.FeedPaths, tree.Format);
        Assert.Equal("Apparel > Topwear", tree.Nodes.Single(n => n.Name == "Shirts").ParentPath);
    }

    [Fact]
    public void Feed_noise_is_normalised_blank_names_dropped()
    {
        var builder = new TaxonomyBuilder();

        Assert.Equal("Footwear > Casual Shoes", builder.Add([" Footwear ", null, "", "Casual  Shoes"]));
        Assert.Equal("Footwear > Casual Shoes", builder.Add("Footwear>Casual Shoes"));
        Assert.Null(builder.Add([" ", null]));
        Assert.Equal(2, builder.Count);
    }
}

using ProductClassifier.Core;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Tests.Core.Taxonomy;

public sealed class TaxonomyParserTests
{
    private static TaxonomyTree Parse(string text, string source = "test.txt") => TaxonomyParser.Parse(new StringReader(text), source);

    private static UserFacingException Rejects(string text, string source = "test.txt") =>
        Assert.Throws<UserFacingException>(() => Parse(text, source));

    [Fact]
    public void Google_lines_give_ids_paths_and_depths()
    {
        var tree = Parse("# Google_Product_Taxonomy_Version: 2021-09-21\n1 - Animals\n3237 - Animals > Live Animals\n2 - Animals > Pet Supplies\n3 - Animals > Pet Supplies > Bird Supplies\n");

        Assert.Equal(TaxonomyFormat.Google, tree.Format);
        Assert.Equal(4, tree.Count);
        var bird = tree.Nodes.Single(n => n.ExternalId == "3");
        Assert.Equal(new TaxonomyNode("Animals > Pet Supplies > Bird Supplies", "Bird Supplies", "Animals > Pet Supplies", 3, "3"), bird);
        Assert.Equal(3, tree.MaxDepth);
    }

    [Fact]
    public void Shopify_lines_with_padding_and_crlf_give_gids()
    {
        var tree = Parse("# Shopify\r\n\r\ngid://shopify/TaxonomyCategory/ap      : Animals & Pet Supplies\r\ngid://shopify/TaxonomyCategory/ap-1    : Animals & Pet Supplies > Live Animals\r\n");

        Assert.Equal(TaxonomyFormat.Shopify, tree.Format);
        Assert.Equal(["gid://shopify/TaxonomyCategory/ap", "gid://shopify/TaxonomyCategory/ap-1"], tree.Nodes.Select(n => n.ExternalId));
        Assert.Equal("Animals & Pet Supplies > Live Animals", tree.Nodes[1].Path);
    }

    [Fact]
    public void Plain_lines_create_missing_intermediate_nodes_parents_first()
    {
        var tree = Parse("Apparel > Topwear > Tshirts\n\n# a comment\nApparel>Bottomwear\nApparel > Topwear > Tshirts\n");

        Assert.Equal(TaxonomyFormat.Plain, tree.Format);
        Assert.Equal(["Apparel", "Apparel > Topwear", "Apparel > Bottomwear", "Apparel > Topwear > Tshirts"], tree.Nodes.Select(n => n.Path));
        Assert.All(tree.Nodes, n => Assert.Null(n.ExternalId));
    }

    [Fact]
    public void Parent_id_csv_with_header_and_quoted_names_builds_paths()
    {
        var tree = Parse("name,id,parent_id\nClothing,1,\n\"Shoes, Boots & Socks\",2,1\nBoots,3,2\n", "tree.csv");

        Assert.Equal(TaxonomyFormat.ParentId, tree.Format);
        Assert.Equal("Clothing > Shoes, Boots & Socks > Boots", tree.Nodes.Single(n => n.ExternalId == "3").Path);
        Assert.Equal(3, tree.Nodes.Single(n => n.ExternalId == "3").Depth);
    }

    [Fact]
    public void Parent_id_tsv_without_header_is_detected_by_extension()
    {
        var tree = Parse("20\t10\tChild\n10\t\tRoot\n", "tree.tsv");

        Assert.Equal(["Root", "Root > Child"], tree.Nodes.Select(n => n.Path));
    }

    [Fact]
    public void Cycle_is_an_error_naming_the_ids_and_lines()
    {
        var e = Rejects("id,parent_id,name\n1,,Root\n2,4,A\n3,2,B\n4,3,C\n", "tree.csv");

        Assert.Contains("tree.csv", e.Message);
        Assert.Contains("cycle", e.Message);
        Assert.Matches(@"2 → 4 → 3 → 2|4 → 3 → 2 → 4|3 → 2 → 4 → 3", e.Message);
        Assert.Contains("lines", e.Message);
    }

    [Fact]
    public void Own_parent_is_a_cycle()
    {
        var e = Rejects("id,parent_id,name\n7,7,Loop\n", "tree.csv");
        Assert.Contains("cycle of parent ids 7 → 7", e.Message);
        Assert.Contains("tree.csv:2", e.Message);
    }

    [Fact]
    public void Duplicate_id_is_an_error_naming_both_lines()
    {
        var e = Rejects("1 - Animals\n2 - Animals > Pets\n2 - Animals > Fish\n", "google.txt");
        Assert.Equal("google.txt:3: duplicate id '2' (first on line 2).", e.Message);
    }

    [Fact]
    public void Duplicate_id_in_parent_id_format_is_an_error()
    {
        var e = Rejects("id,parent_id,name\n1,,Root\n1,,Other\n", "tree.csv");
        Assert.Contains("tree.csv:3: duplicate id '1'", e.Message);
    }

    [Fact]
    public void Same_path_under_two_ids_is_an_error()
    {
        var e = Rejects("1 - Animals\n5 - Animals > Pets\n6 - Animals  >  Pets\n", "google.txt");
        Assert.Contains("google.txt:3: duplicate path 'Animals > Pets' with id '6' (id '5' on line 2)", e.Message);
    }

    [Fact]
    public void Google_child_of_an_unlisted_parent_is_an_orphan()
    {
        var e = Rejects("1 - Animals\n3 - Animals > Pet Supplies > Bird Supplies\n", "google.txt");
        Assert.Contains("google.txt:2: orphan 'Animals > Pet Supplies > Bird Supplies' (id '3')", e.Message);
        Assert.Contains("'Animals > Pet Supplies' is not listed", e.Message);
    }

    [Fact]
    public void Parent_id_pointing_outside_the_file_is_an_orphan()
    {
        var e = Rejects("id,parent_id,name\n1,,Root\n2,99,Lost\n", "tree.csv");
        Assert.Contains("tree.csv:3: orphan id '2'", e.Message);
        Assert.Contains("'99'", e.Message);
    }

    [Fact]
    public void A_line_of_another_format_is_an_error_naming_its_line()
    {
        var e = Rejects("1 - Animals\nAnimals > Pets\n", "google.txt");
        Assert.StartsWith("google.txt:2: expected 'ID - A > B > C'", e.Message);
    }

    [Fact]
    public void Empty_name_in_a_path_is_an_error()
    {
        var e = Rejects("Apparel >  > Tshirts\n");
        Assert.StartsWith("test.txt:1: empty category name", e.Message);
    }

    [Fact]
    public void A_file_without_categories_or_a_missing_file_is_an_error()
    {
        Assert.Contains("no categories", Rejects("# only a comment\n\n").Message);
        var missing = Assert.Throws<UserFacingException>(() => TaxonomyParser.ParseFile("/no/such/taxonomy.txt"));
        Assert.Contains("/no/such/taxonomy.txt", missing.Message);
    }
}

using ProductClassifier.Core.Similarity;

namespace ProductClassifier.Tests.Core.Similarity;

public sealed class NeighbourAgreementTests
{
    // 1 Apparel > 2 Topwear > 3 Tshirts, 2 > 4 Shirts; 5 Footwear > 6 Shoes > 7 Sneakers
    private static readonly Dictionary<int, int> Depths = new() { [1] = 1, [2] = 2, [3] = 3, [4] = 3, [5] = 1, [6] = 2, [7] = 3 };
    private static readonly Dictionary<int, int?> Parents = new() { [1] = null, [2] = 1, [3] = 2, [4] = 2, [5] = null, [6] = 5, [7] = 6 };

    [Fact]
    public void Counts_the_neighbours_sharing_each_level_of_the_query()
    {
        var agreement = new NeighbourAgreement(Depths, Parents);
        int[] tshirt = [1, 2, 3], shirt = [1, 2, 4], sneaker = [5, 6, 7];

        agreement.Add(tshirt, [tshirt, shirt, sneaker, null]);  // top 2/4, level 2 2/4, leaf 1/4
        agreement.Add(sneaker, [sneaker, sneaker, shirt, shirt]); // top 2/4, level 2 2/4, leaf 2/4

        Assert.Equal(2, agreement.Queries);
        Assert.Equal(0.5, agreement.TopLevel, 6);
        Assert.Equal(0.5, agreement.SecondLevel, 6);
        Assert.Equal((0.25 + 0.5) / 2, agreement.Leaf, 6);
    }

    [Fact]
    public void A_query_labelled_only_at_the_top_level_has_that_as_its_leaf_and_no_level_2()
    {
        var agreement = new NeighbourAgreement(Depths, Parents);

        agreement.Add([1], [[1, 2, 3], [5, 6, 7]]);
        agreement.Add([5, 6, 7], [[5, 6, 7], [5, 6, 7]]);

        Assert.Equal((0.5 + 1) / 2, agreement.TopLevel, 6);
        Assert.Equal(1, agreement.SecondLevel, 6); // only the second query has a level-2 category
        Assert.Equal((0.5 + 1) / 2, agreement.Leaf, 6);
    }
}

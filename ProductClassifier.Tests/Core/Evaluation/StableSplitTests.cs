using ProductClassifier.Core.Evaluation;

namespace ProductClassifier.Tests.Core.Evaluation;

public sealed class StableSplitTests
{
    [Fact]
    public void Position_is_the_same_on_every_machine()
    {
        // Computed independently (Python) from FNV-1a 64 of the UTF-8 key and the splitmix64 finaliser.
        Assert.Equal(0.3442480643224167, StableSplit.Position("12345"), 12);
        Assert.Equal(0.9637803354191236, StableSplit.Position("sku-1"), 12);
        Assert.Equal(0.7857598020260408, StableSplit.Position("12345", salt: "seed"), 12);
    }

    [Fact]
    public void Splits_about_ninety_ten_and_keeps_order()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => $"sku-{i}").ToList();
        var (development, test) = StableSplit.Split(keys, k => k);

        Assert.Equal(1984, test.Count);
        Assert.InRange(test.Count / 20_000.0, 0.09, 0.11);
        Assert.Equal(20_000, development.Count + test.Count);
        Assert.Equal(test.OrderBy(k => int.Parse(k[4..])), test);
        Assert.Equal(test, StableSplit.Split(keys.AsEnumerable().Reverse(), k => k).Test.AsEnumerable().Reverse());
    }

    [Fact]
    public void A_salt_gives_a_different_split()
    {
        var keys = Enumerable.Range(0, 2_000).Select(i => i.ToString()).ToList();

        Assert.NotEqual(StableSplit.Split(keys, k => k).Test, StableSplit.Split(keys, k => k, salt: "other").Test);
    }
}

using ProductClassifier.Core.Features.Pretrained;

namespace ProductClassifier.Tests.Core.Features.Pretrained;

public sealed class SentenceFeaturizerTests(SentenceFeaturizerFixture fixture) : IClassFixture<SentenceFeaturizerFixture>
{
    [Fact]
    public async Task Texts_give_384_features_of_unit_length_and_similar_texts_are_closer()
    {
        var batch = await fixture.Featurizer.EncodeAsync(
            ["Nike Men Blue Running Shoes", "Adidas Men Black Sports Shoes", "Lakme Red Matte Lipstick", ""],
            null, CancellationToken.None);

        Assert.Equal(SentenceFeaturizer.Dimensions, batch.Dimensions);
        Assert.Equal(4, batch.Count);
        Assert.Equal(1.0, Math.Sqrt(batch.Row(0).ToArray().Sum(v => (double)v * v)), 3);
        var shoes = Dot(batch.Row(0), batch.Row(1));
        var unrelated = Dot(batch.Row(0), batch.Row(2));
        Assert.True(shoes > unrelated + 0.1, $"shoe/shoe {shoes:F3}, shoe/lipstick {unrelated:F3}");
    }

    [Fact]
    public async Task Products_are_encoded_in_their_own_order_whatever_the_text_lengths()
    {
        string[] texts = ["a much longer description of a leather handbag with gold buckles", "socks", "blue denim jeans"];

        var together = await fixture.Featurizer.EncodeAsync(texts, null, CancellationToken.None);
        var alone = await fixture.Featurizer.EncodeAsync([texts[1]], null, CancellationToken.None);

        Assert.True(Dot(together.Row(1), alone.Row(0)) > 0.999);
    }

    [Fact]
    public void Product_text_joins_brand_title_and_a_cleaned_description_prefix()
    {
        var description = "<p>Soft&nbsp;cotton,   <b>regular</b> fit.</p> " + string.Concat(Enumerable.Repeat("More words here. ", 40));
        var product = TestImages.Product("1", title: "Puma Men Grey T-shirt") with { Brand = "PUMA", Description = description };

        var text = SentenceText.For(product);

        Assert.StartsWith("Puma Men Grey T-shirt. Soft cotton, regular fit. More words", text);
        Assert.True(text.Length <= "Puma Men Grey T-shirt. ".Length + SentenceText.MaxDescriptionChars);
        Assert.Equal("Levis Slim Jeans", SentenceText.For(TestImages.Product("2", title: "Slim Jeans") with { Brand = "Levis" }));
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}

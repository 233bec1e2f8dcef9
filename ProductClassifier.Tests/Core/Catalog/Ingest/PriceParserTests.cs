using ProductClassifier.Core.Catalog.Ingest;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

public sealed class PriceParserTests
{
    [Theory]
    [InlineData("12.50", "12.50", null)]
    [InlineData(" 12 ", "12", null)]
    [InlineData("12,50", "12.50", null)]
    [InlineData("0,5", "0.50", null)]
    [InlineData("1,299.00", "1299.00", null)]
    [InlineData("1.299,00", "1299.00", null)]
    [InlineData("1,299", "1299", null)]
    [InlineData("1,234,567", "1234567", null)]
    [InlineData("1 299,95", "1299.95", null)]
    [InlineData("1'299.95", "1299.95", null)]
    [InlineData("€12.50", "12.50", "EUR")]
    [InlineData("12,50 €", "12.50", "EUR")]
    [InlineData("$ 1,000.10", "1000.10", "USD")]
    [InlineData("12.50 EUR", "12.50", "EUR")]
    [InlineData("usd12", "12", "USD")]
    [InlineData("INR 499", "499", "INR")]
    [InlineData("+3.456", "3.46", null)]
    public void Accepts_common_price_notations(string text, string expected, string? currency)
    {
        Assert.True(PriceParser.TryParse(text, out var price, out var parsedCurrency, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), price);
        Assert.Equal(currency, parsedCurrency);
    }

    [Theory]
    [InlineData("abc", "is not a number")]
    [InlineData("NaN", "is not a number")]
    [InlineData("Infinity", "is not a number")]
    [InlineData("-1", "is negative")]
    [InlineData("€-1.00", "is negative")]
    [InlineData("1e5", "is not a number")]
    [InlineData("12.50.3", "is not a number")]
    [InlineData("1.299,00,5", "is not a number")]
    [InlineData("EUR", "is not a number")]
    [InlineData("1000000000000", "is too large")]
    public void Rejects_what_is_not_a_price(string text, string reason)
    {
        Assert.False(PriceParser.TryParse(text, out _, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Contains(text, error);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ProductClassifier.Benchmarks;

/// <summary>A deterministic product feed of realistic width: the rows in memory and the same rows as a CSV file.</summary>
internal sealed class SyntheticFeed
{
    public sealed record Row(string Id, string Merchant, string Title, string Description, string Brand, decimal Price,
        string Currency, string Image, string Category, string Colour, string Size, string Material)
    {
        public string Attributes => JsonSerializer.Serialize(new SortedDictionary<string, string>
        { ["colour"] = Colour, ["material"] = Material, ["size"] = Size });
    }

    private static readonly string[] Adjectives = ["classic", "slim", "organic", "vintage", "waterproof", "lightweight", "premium", "soft", "stretch", "casual"];
    private static readonly string[] Nouns = ["t-shirt", "jeans", "sneakers", "jacket", "dress", "backpack", "watch", "scarf", "hoodie", "boots", "sandals", "belt"];
    private static readonly string[] Brands = ["Acme", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Proseware"];
    private static readonly string[] Colours = ["black", "white", "navy", "red", "olive", "grey", "beige"];
    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL"];
    private static readonly string[] Materials = ["cotton", "polyester", "leather", "wool", "denim", "linen"];
    private static readonly string[] Categories =
        ["Apparel > Tops > T-shirts", "Apparel > Bottoms > Jeans", "Footwear > Sneakers", "Apparel > Outerwear > Jackets",
         "Apparel > Dresses", "Accessories > Bags > Backpacks", "Accessories > Watches", "Accessories > Scarves"];

    public SyntheticFeed(int rows)
    {
        var random = new Random(42);
        T Pick<T>(T[] items) => items[random.Next(items.Length)];
        Rows = new Row[rows];
        for (var i = 0; i < rows; i++)
        {
            var (brand, noun, colour) = (Pick(Brands), Pick(Nouns), Pick(Colours));
            var title = $"{brand} {Pick(Adjectives)} {colour} {noun}";
            Rows[i] = new Row($"SKU-{i:D7}", $"shop-{random.Next(40)}", title,
                $"{title}, made of {Pick(Materials)}. Comfortable for everyday wear; machine washable at 30°C. Ships in 2-3 days.",
                brand, Math.Round((decimal)(random.NextDouble() * 300 + 5), 2), "EUR", $"https://img.example.com/{i}.jpg",
                Pick(Categories), colour, Pick(Sizes), Pick(Materials));
        }
    }

    public Row[] Rows { get; }

    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("id,merchant,title,description,brand,price,currency,image_url,category,colour,size,material\n");
        foreach (var r in Rows)
            writer.Write($"{r.Id},{r.Merchant},{Quote(r.Title)},{Quote(r.Description)},{r.Brand},{r.Price.ToString(CultureInfo.InvariantCulture)},{r.Currency},{r.Image},{Quote(r.Category)},{r.Colour},{r.Size},{r.Material}\n");
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}

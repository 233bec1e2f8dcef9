using System.Text.Json;
using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.Features;

/// <summary>Tiny generated catalogues for the preprocessing tests.</summary>
internal static class TestProducts
{
    public static ProductRecord Make(long id, string? title = null, string? description = null, string? brand = null, double? price = null,
        string attributesJson = "{}", params int[] firedRules)
    {
        var attributes = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(attributesJson)!;
        return new ProductRecord(id, $"p{id}", title, description, brand, price, null, attributes, firedRules);
    }

    /// <summary>A mixed catalogue: text, brand, price (sometimes missing), one-hot, tag, array and object attributes.</summary>
    public static List<ProductRecord> Mixed(int count)
    {
        string[] colours = ["red", "blue", "green", "black"];
        string[] kinds = ["shirt", "dress", "shoe", "bag", "watch"];
        var products = new List<ProductRecord>();
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[i % kinds.Length];
            var colour = colours[i % colours.Length];
            var attributes = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["colour"] = colour,
                ["tags"] = i % 3 == 0 ? "sale,new" : "new",
                ["sizes"] = new[] { "s", i % 2 == 0 ? "m" : "l" },
                ["details"] = new Dictionary<string, string> { ["Fit"] = i % 2 == 0 ? "Slim" : "Regular", ["Fabric"] = i % 5 == 0 ? "NA" : "Cotton" },
                ["rating"] = 1 + i % 5,
                ["notes"] = $"A longer free text note about this {kind} that a buyer wrote, number {i % 7} of many",
            });
            products.Add(Make(i, $"{colour} {kind} model {i % 11}", $"<p>A {colour} {kind}.</p> Great &amp; comfy, item {i}.",
                i % 4 == 0 ? "Acme" : "Zenith", i % 6 == 0 ? null : 10 + i % 13 * 7.5, attributes, i % kinds.Length, 5 + i % 2));
        }
        return products;
    }
}

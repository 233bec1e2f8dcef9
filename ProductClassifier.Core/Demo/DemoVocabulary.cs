namespace ProductClassifier.Core.Demo;

/// <summary>Invented brands and the attribute values and filler the demo's feed is written with.</summary>
internal static class DemoVocabulary
{
    public sealed record Department(string[] Brands, string[] Materials, bool Gendered, int MinGrams, int MaxGrams);

    public static readonly IReadOnlyDictionary<string, Department> Departments = new Dictionary<string, Department>
    {
        ["Clothing"] = new(["Northwind", "Lumen & Co", "Bramble", "Oakridge", "Velora", "Stitchworks", "Kestrel", "Mira Mode"],
            ["cotton", "organic cotton", "polyester", "linen", "wool", "denim", "viscose"], true, 150, 1200),
        ["Footwear"] = new(["Stride", "Pavement", "Kestrel", "Trailhead", "Solace", "Urban Foot"],
            ["leather", "suede", "mesh", "rubber", "canvas", "synthetic"], true, 200, 1400),
        ["Accessories"] = new(["Aurelia", "Lumen & Co", "Carryall", "Tempus", "Velora", "Gildwood"],
            ["leather", "canvas", "nylon", "sterling silver", "gold plated", "stainless steel"], true, 20, 900),
        ["Home & Kitchen"] = new(["Hearthly", "Casa Nova", "Kiln & Co", "Brightside", "Linenhouse", "Ferrum"],
            ["stainless steel", "ceramic", "cast iron", "glass", "cotton", "bamboo", "porcelain"], false, 100, 3500),
        ["Electronics"] = new(["Voltra", "Sonique", "Pixelon", "Arcwave", "Kibo", "Zentek"],
            ["plastic", "aluminium", "silicone", "glass"], false, 20, 2500),
        ["Sports & Outdoors"] = new(["Summitline", "Trailhead", "Pulsefit", "Ridgeback", "Kestrel"],
            ["neoprene", "polyester", "nylon", "rubber", "steel", "cork"], true, 100, 8000),
    };

    public static readonly string[] Colours =
        ["Black", "White", "Grey", "Navy", "Blue", "Red", "Green", "Olive", "Beige", "Brown", "Pink", "Yellow"];

    public static readonly string[] Genders = ["Women", "Men", "Unisex", "Kids"];

    public static readonly string[] Tags = ["Sale", "New", "Bestseller", "Eco", "Limited", "Gift Idea"];

    public static readonly string[] Countries = ["China", "Vietnam", "Portugal", "Germany", "India", "Turkey"];

    public static readonly string[] Junk =
        ["***", "NEW!!", "FREE SHIPPING", "Best Price", "!!!", "2024 Edition", "|", "TOP QUALITY", "Fast Delivery", "-50%"];

    public static readonly string[] Features =
    [
        "Made to last and easy to care for",
        "Designed in our studio and tested for everyday use",
        "A customer favourite, back in stock",
        "Lightweight and comfortable",
        "Machine washable at 30 degrees",
        "Comes in recyclable packaging",
        "Covered by a two-year warranty",
        "Minimalist design that goes with everything",
    ];

    /// <summary>Sentences that name another product: the source of keyword rules' false positives.</summary>
    public static readonly string[] CrossSell =
    [
        "Pairs well with our {0}.",
        "Looks great with a matching {0}.",
        "Also available: the {0} in the same colours.",
        "Customers also bought the {0}.",
    ];

    /// <summary>Title tails that name another product ("… incl. mug").</summary>
    public static readonly string[] Bundles = ["incl. {0}", "+ free {0}", "with {0}", "for {0}", "- matches {0}"];
}

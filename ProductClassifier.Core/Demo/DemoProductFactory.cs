using System.Globalization;
using static ProductClassifier.Core.Demo.DemoNoise;

namespace ProductClassifier.Core.Demo;

/// <summary>Writes one product of a leaf the way a careless merchant would: mostly right, sometimes not.</summary>
internal static class DemoProductFactory
{
    public static DemoProduct Create(Random rng, int index, DemoLeaf leaf)
    {
        var id = "P" + index.ToString("D6", CultureInfo.InvariantCulture);
        var department = DemoVocabulary.Departments[leaf.Top];
        // Merchants use the plain name most of the time and the synonyms (which rules partly miss) otherwise.
        var noun = Chance(rng, 0.45) ? leaf.Nouns[0] : Pick(rng, leaf.Nouns);
        var modifier = Chance(rng, 0.8) ? Pick(rng, leaf.Modifiers) : null;
        var colour = Pick(rng, DemoVocabulary.Colours);
        var gender = department.Gendered && !Chance(rng, 0.15) ? Pick(rng, DemoVocabulary.Genders) : null;
        var brand = Pick(rng, department.Brands);
        var material = Pick(rng, department.Materials);

        var fields = new List<DemoField>
        {
            new("id", id),
            new("title", Title(rng, leaf, noun, modifier, colour, gender, brand, material)),
        };
        if (!Chance(rng, 0.07)) fields.Add(new("brand", rng.Next(20) switch { 0 => brand.ToLowerInvariant(), 1 => brand.ToUpperInvariant(), _ => brand }));
        AddDescription(rng, fields, leaf, noun, modifier, colour, material);
        var price = Chance(rng, 0.04) ? (decimal?)null : Price(rng, leaf);
        if (price is not null) fields.Add(new("price", price.Value));
        if (price is not null || Chance(rng, 0.5)) fields.Add(new("currency", "EUR"));
        var hasImage = !Chance(rng, 0.06);
        if (hasImage) fields.Add(new("image", $"images/{id}.png"));
        if (gender is not null) fields.Add(new("gender", gender));
        if (!Chance(rng, 0.03)) fields.Add(new("colour", Chance(rng, 0.03) ? "Multi" : colour));
        if (!Chance(rng, 0.1)) fields.Add(new("material", material));
        var tags = DemoVocabulary.Tags.Where(_ => Chance(rng, 0.12)).ToArray();
        if (tags.Length > 0) fields.Add(new("tags", string.Join(',', tags)));
        if (Chance(rng, 0.8)) fields.Add(new("rating", Math.Round(1 + 4 * Math.Sqrt(rng.NextDouble()), 1)));
        fields.Add(new("weight_g", rng.Next(department.MinGrams, department.MaxGrams)));
        if (leaf.Top == "Electronics" && Chance(rng, 0.7))
            fields.Add(new("specs", new List<DemoField>
            {
                new("origin", Pick(rng, DemoVocabulary.Countries)),
                new("warranty_months", Chance(rng, 0.5) ? 12 : 24),
            }));
        fields.Add(new("category_path", leaf.PathNames));
        return new DemoProduct(index, id, leaf, hasImage, fields);
    }

    private static string Title(Random rng, DemoLeaf leaf, string noun, string? modifier, string colour, string? gender,
        string brand, string material)
    {
        var who = gender switch { null or "Unisex" => "", "Kids" => "Kids' ", _ => gender + "'s " };
        var mod = modifier is null ? "" : modifier + " ";
        var title = rng.Next(3) switch
        {
            0 => $"{brand} {who}{mod}{noun}, {colour}",
            1 => $"{mod}{colour} {noun} by {brand}",
            _ => $"{brand} {noun} {mod}- {colour} - {material}",
        };
        title = TitleCase(title.Replace("  ", " "));
        if (Chance(rng, 0.08))
        {
            var other = Pick(rng, DemoTaxonomy.Leaves.Where(l => l.Top == leaf.Top && l != leaf).ToArray());
            title += " " + string.Format(CultureInfo.InvariantCulture, Pick(rng, DemoVocabulary.Bundles), other.Nouns[0]);
        }
        if (Chance(rng, 0.08)) title = Typo(rng, title);
        if (Chance(rng, 0.12)) title = Junk(rng, title);
        if (Chance(rng, 0.05)) title = title.ToUpperInvariant();
        return title;
    }

    private static void AddDescription(Random rng, List<DemoField> fields, DemoLeaf leaf, string noun, string? modifier,
        string colour, string material)
    {
        switch (rng.Next(100))
        {
            case < 8: return;
            case < 12: fields.Add(new("description", "")); return;
            case < 15: fields.Add(new("description", null)); return;
        }
        var first = rng.Next(DemoVocabulary.Features.Length);
        var second = (first + 1 + rng.Next(DemoVocabulary.Features.Length - 1)) % DemoVocabulary.Features.Length;
        var text = $"{TitleCase(modifier ?? "classic")} {noun} in {colour.ToLowerInvariant()} {material}. " +
                   $"{DemoVocabulary.Features[first]}. {DemoVocabulary.Features[second]}.";
        if (Chance(rng, 0.15))
            text += " " + string.Format(CultureInfo.InvariantCulture, Pick(rng, DemoVocabulary.CrossSell), Pick(rng, DemoTaxonomy.Leaves).Nouns[0]);
        if (Chance(rng, 0.1)) text = Html(rng, text);
        fields.Add(new("description", text));
    }

    private static decimal Price(Random rng, DemoLeaf leaf)
    {
        // Log-uniform-ish, centred: most products sit mid-range, a few at the ends.
        var u = (rng.NextDouble() + rng.NextDouble()) / 2;
        var raw = (double)leaf.MinPrice * Math.Pow((double)(leaf.MaxPrice / leaf.MinPrice), u);
        var whole = Math.Max(1, Math.Floor(raw));
        return (decimal)whole + rng.Next(20) switch { < 12 => 0.99m, < 17 => 0.00m, _ => 0.50m };
    }
}

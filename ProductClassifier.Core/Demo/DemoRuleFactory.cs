using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Demo;

/// <summary>
/// The demo's "old categoriser": keyword rules made mostly from category names, as a hurried analyst would,
/// plus a few over-eager ones. They miss synonyms and typos (recall) and fire on words that name other
/// products (precision).
/// </summary>
internal static class DemoRuleFactory
{
    public sealed record DemoRule(string Category, string Field, string[] Terms);

    /// <param name="present">Category paths that exist in the generated data; rules only name those.</param>
    public static IReadOnlyList<DemoRule> Create(Random rng, IReadOnlySet<string> present)
    {
        var rules = new List<DemoRule>();
        foreach (var top in DemoTaxonomy.Tops)
            rules.Add(new(top, "title", NameTerms(top)));
        foreach (var group in DemoTaxonomy.Leaves.GroupBy(l => (l.Top, l.Middle)))
            rules.Add(new(group.Key.Top + Category.PathSeparator + group.Key.Middle, "title", NameTerms(group.Key.Middle)));
        foreach (var leaf in DemoTaxonomy.Leaves)
        {
            var terms = NameTerms(leaf.Name).Append(leaf.Nouns[0]);
            if (rng.NextDouble() < 0.5) terms = terms.Append(leaf.Nouns[1]);
            rules.Add(new(leaf.Path, rng.NextDouble() < 0.12 ? "any" : "title", terms.Distinct().ToArray()));
            // An over-eager extra rule keyed on a style word that other products share ("wireless", "leather").
            if (rng.NextDouble() < 0.12)
                rules.Add(new(leaf.Path, "any", [leaf.Modifiers[rng.Next(leaf.Modifiers.Length)]]));
        }
        return rules.Where(r => present.Contains(r.Category)).ToArray();
    }

    /// <summary>"Home &amp; Kitchen" → home &amp; kitchen, home, kitchen; "Watches" → watches, watch.</summary>
    private static string[] NameTerms(string name)
    {
        var lower = name.ToLowerInvariant();
        var parts = lower.Split(" & ");
        var terms = new List<string> { lower };
        if (parts.Length > 1) terms.AddRange(parts);
        foreach (var part in parts) terms.Add(Singular(part));
        return terms.Distinct().ToArray();
    }

    private static string Singular(string word) =>
        word.EndsWith("sses") || word.EndsWith("xes") || word.EndsWith("ches") || word.EndsWith("shes") ? word[..^2]
        : word.EndsWith('s') && !word.EndsWith("ss") ? word[..^1]
        : word;
}

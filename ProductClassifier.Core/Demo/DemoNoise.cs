using System.Globalization;

namespace ProductClassifier.Core.Demo;

/// <summary>The mess real feeds carry: typos, shouting, junk tokens, HTML left in text.</summary>
internal static class DemoNoise
{
    /// <summary>One typo in one word of four letters or more: swapped, dropped or doubled letter.</summary>
    public static string Typo(Random rng, string text)
    {
        var words = text.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 4 && words[i].All(char.IsLetter)).ToArray();
        if (candidates.Length == 0) return text;
        var w = candidates[rng.Next(candidates.Length)];
        var chars = words[w].ToList();
        var at = rng.Next(1, chars.Count - 1);
        switch (rng.Next(3))
        {
            case 0: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            case 1: chars.RemoveAt(at); break;
            default: chars.Insert(at, chars[at]); break;
        }
        words[w] = new string(chars.ToArray());
        return string.Join(' ', words);
    }

    public static string Junk(Random rng, string title)
    {
        var token = rng.Next(4) switch
        {
            0 => "SKU-" + rng.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
            1 => "#" + rng.Next(100, 9999).ToString(CultureInfo.InvariantCulture),
            _ => Pick(rng, DemoVocabulary.Junk),
        };
        return rng.Next(2) == 0 ? $"{token} {title}" : $"{title} {token}";
    }

    /// <summary>Fragments of the shop's HTML editor, as feeds export them.</summary>
    public static string Html(Random rng, string description)
    {
        var sentences = description.Split(". ");
        return rng.Next(4) switch
        {
            0 => $"<p>{description}</p>",
            1 => string.Join(".<br/>", sentences),
            2 => $"<b>{sentences[0]}</b>. {string.Join(". ", sentences.Skip(1))}".Replace(" and ", " &amp; "),
            _ => "<ul>" + string.Concat(sentences.Select(s => $"<li>{s.TrimEnd('.')}</li>")) + "</ul>",
        };
    }

    public static string TitleCase(string text) =>
        string.Join(' ', text.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static bool Chance(Random rng, double p) => rng.NextDouble() < p;
}

namespace ProductClassifier.Core.Rules;

/// <summary>
/// How rule terms and product text are cut into words: maximal runs of letters and digits, lower-cased
/// (invariant). So "T-Shirt" is "t" "shirt", "tshirt" is one word, and "Flip-Flops" matches the phrase "flip flops".
/// </summary>
public static class WordTokens
{
    /// <summary>The words of <paramref name="text"/>, lower-cased.</summary>
    public static List<string> Of(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text)) return words;
        var lower = text.ToLowerInvariant();
        foreach (var (start, length) in Spans(lower)) words.Add(lower.Substring(start, length));
        return words;
    }

    /// <summary>Start and length of each word of already lower-cased text.</summary>
    public static IEnumerable<(int Start, int Length)> Spans(string lower)
    {
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var inWord = i < lower.Length && char.IsLetterOrDigit(lower[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }
}

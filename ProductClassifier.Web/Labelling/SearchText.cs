using System.Globalization;
using System.Text;

namespace ProductClassifier.Web.Labelling;

/// <summary>The one way the picker's index and its queries cut text into words: lower case, accents dropped,
/// split at anything that is not a letter or a digit ("T-Shirts &amp; Tops" → t, shirts, tops).</summary>
internal static class SearchText
{
    public static string[] Tokens(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c)) word.Append(char.ToLowerInvariant(c));
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else if (word.Length > 0) { tokens.Add(word.ToString()); word.Clear(); }
        }
        if (word.Length > 0) tokens.Add(word.ToString());
        return [.. tokens];
    }

    /// <summary>The tokens joined by single spaces: the form whole names and queries are compared in.</summary>
    public static string Normal(string text) => string.Join(' ', Tokens(text));
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ProductClassifier.Core.Features;

/// <summary>Applies <see cref="CleaningOptions"/>: HTML tags and entities, Unicode NFKC, lower case, whitespace.</summary>
public static partial class TextCleaner
{
    public static string Clean(string? text, CleaningOptions options)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (options.StripHtml)
        {
            // Script and style bodies are code, not words; tags become spaces so "a<br>b" stays two words.
            if (text.Contains('<')) text = Tags().Replace(ScriptOrStyle().Replace(text, " "), " ");
            if (text.Contains('&')) text = WebUtility.HtmlDecode(text);
        }
        if (options.NormalizeUnicode && !text.IsNormalized(NormalizationForm.FormKC)) text = text.Normalize(NormalizationForm.FormKC);
        if (options.Lowercase) text = text.ToLowerInvariant();
        return options.CollapseWhitespace ? Collapse(text) : text;
    }

    private static string Collapse(string text)
    {
        var needed = false;
        for (var i = 0; i < text.Length && !needed; i++)
            needed = char.IsWhiteSpace(text[i]) && (text[i] != ' ' || i == 0 || i == text.Length - 1 || text[i + 1] == ' ');
        if (!needed) return text;
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = builder.Length > 0; continue; }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"</?[A-Za-z!][^>]*>")]
    private static partial Regex Tags();
}

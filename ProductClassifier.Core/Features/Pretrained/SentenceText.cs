namespace ProductClassifier.Core.Features.Pretrained;

/// <summary>
/// The one text per product that the sentence encoder reads: "brand title. description", the brand left out when
/// the title already names it, the description cleaned and cut at a word boundary after at most
/// <see cref="MaxDescriptionChars"/> characters. Title and brand carry most of the category signal; a short
/// description prefix adds material and style. Encoding time grows with length, so the prefix stays short: on the
/// 5,000 lowest-id fashion-44k products, leaf agreement of the 10 nearest neighbours was 0.828 for title alone,
/// 0.838 with 120 description characters (3.4× slower) and 0.839 with 300 (about 8× slower).
/// </summary>
public static class SentenceText
{
    public const int MaxDescriptionChars = 120;

    // Case is kept: the MiniLM tokenizer lower-cases by itself, and the text stays readable in logs.
    private static readonly CleaningOptions Cleaning = new() { Lowercase = false };

    public static string For(ProductRecord product)
    {
        var title = Clean(product.Title);
        var brand = Clean(product.Brand);
        var head = brand.Length == 0 || title.Contains(brand, StringComparison.OrdinalIgnoreCase)
            ? title
            : $"{brand} {title}".Trim();
        var description = Truncate(Clean(product.Description), MaxDescriptionChars);
        return description.Length == 0 ? head : head.Length == 0 ? description : $"{head}. {description}";
    }

    /// <summary>HTML tags and entities removed, Unicode NFKC, whitespace collapsed (<see cref="TextCleaner"/>).</summary>
    public static string Clean(string? text) => TextCleaner.Clean(text, Cleaning);

    private static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        var cut = text.LastIndexOf(' ', maxChars);
        return text[..(cut > maxChars / 2 ? cut : maxChars)];
    }
}

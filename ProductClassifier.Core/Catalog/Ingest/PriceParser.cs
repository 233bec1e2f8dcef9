using System.Globalization;

namespace ProductClassifier.Core.Catalog.Ingest;

/// <summary>
/// Reads a feed's price, whatever the shop's locale: "12.50", "12,50" (decimal comma), "1,299.00", "1.299,00",
/// "1 299,00", "1'299.00", each optionally with a currency symbol (€ $ £ ¥ ₹) or ISO code before or after
/// ("€12.50", "12.50 EUR", "USD 12"). One comma followed by exactly three digits ("1,299") groups thousands;
/// any other single comma is a decimal comma; a single point is always a decimal point. Rounded to cents.
/// Negative, NaN, infinite and unparsable prices are errors.
/// </summary>
internal static class PriceParser
{
    // Column precision numeric(14,2).
    private const decimal Limit = 1_000_000_000_000m;

    private static readonly Dictionary<char, string> Symbols = new()
    { ['€'] = "EUR", ['$'] = "USD", ['£'] = "GBP", ['¥'] = "JPY", ['₹'] = "INR" };

    public static bool TryParse(string text, out decimal price, out string? currency, out string error)
    {
        price = 0;
        error = "";
        var s = text.AsSpan().Trim();
        currency = TakeCurrency(ref s);
        Span<char> digits = stackalloc char[Math.Min(s.Length, 64)];
        if (s.Length > 64) return Fail($"'{text}' is not a price", out error);
        var n = 0;
        foreach (var c in s)
            if (c is not (' ' or '\u00A0' or '\u202F' or '\'')) digits[n++] = c;
        var number = digits[..n];
        if (number.StartsWith("-")) return Fail($"'{text}' is negative", out error);
        if (number.StartsWith("+")) number = number[1..];
        if (number.IsEmpty || !char.IsAsciiDigit(number[^1]) && number[^1] is not ('.' or ','))
            return Fail($"'{text}' is not a number", out error);
        if (!Normalise(number, out var normalised) || !decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out price))
            return Fail($"'{text}' is not a number", out error);
        if (price >= Limit) return Fail($"'{text}' is too large", out error);
        price = Math.Round(price, 2, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>Turns grouping and decimal separators into plain invariant digits with one '.'.</summary>
    private static bool Normalise(ReadOnlySpan<char> number, out string normalised)
    {
        normalised = "";
        foreach (var c in number)
            if (!char.IsAsciiDigit(c) && c is not ('.' or ',')) return false;
        int lastDot = number.LastIndexOf('.'), lastComma = number.LastIndexOf(',');
        int dots = number.Count('.'), commas = number.Count(',');
        char? decimalSeparator = (dots, commas) switch
        {
            (0, 0) => null,
            (_, > 0) when dots > 0 => lastDot > lastComma ? '.' : ',',
            (1, 0) => '.',
            (0, 1) => number.Length - lastComma - 1 == 3 && lastComma > 0 ? null : ',',
            _ => null, // several of one kind: thousands grouping
        };
        if (decimalSeparator is { } d && number.Count(d) > 1) return false;
        var builder = new System.Text.StringBuilder(number.Length);
        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (char.IsAsciiDigit(c)) builder.Append(c);
            else if (c == decimalSeparator) builder.Append('.');
            else if (i == 0 || DigitsFrom(number, i + 1) != 3) return false; // grouping separators split off groups of three
        }
        normalised = builder.ToString();
        return normalised.Any(char.IsAsciiDigit);
    }

    private static int DigitsFrom(ReadOnlySpan<char> s, int start)
    {
        var end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
        return end - start;
    }

    private static string? TakeCurrency(ref ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return null;
        if (Symbols.TryGetValue(s[0], out var code)) { s = s[1..].TrimStart(); return code; }
        if (Symbols.TryGetValue(s[^1], out code)) { s = s[..^1].TrimEnd(); return code; }
        if (s.Length > 3 && IsCode(s[..3]) && !char.IsAsciiLetter(s[3])) { code = s[..3].ToString().ToUpperInvariant(); s = s[3..].TrimStart(); return code; }
        if (s.Length > 3 && IsCode(s[^3..]) && !char.IsAsciiLetter(s[^4])) { code = s[^3..].ToString().ToUpperInvariant(); s = s[..^3].TrimEnd(); return code; }
        return null;
    }

    private static bool IsCode(ReadOnlySpan<char> s) => s.Length == 3 && char.IsAsciiLetter(s[0]) && char.IsAsciiLetter(s[1]) && char.IsAsciiLetter(s[2]);

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}

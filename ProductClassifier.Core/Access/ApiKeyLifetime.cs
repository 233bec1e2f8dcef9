using System.Globalization;

namespace ProductClassifier.Core.Access;

/// <summary>How long a key works, as people write it: <c>30d</c>, <c>12h</c>, <c>2w</c>, <c>1y</c>, or <c>never</c>.</summary>
public static class ApiKeyLifetime
{
    /// <summary>The lifetime <paramref name="text"/> names; null for <c>never</c> (or nothing).</summary>
    /// <exception cref="UserFacingException">Not a positive whole number followed by h, d, w or y.</exception>
    public static TimeSpan? Parse(string? text)
    {
        var trimmed = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed == "never") return null;
        var unit = trimmed[^1] switch
        {
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            'y' => TimeSpan.FromDays(365),
            _ => (TimeSpan?)null,
        };
        if (unit is null || !int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > 100_000)
            throw new UserFacingException($"Expiry '{text}': write a whole number and a unit (h, d, w or y), e.g. 30d, or 'never'.");
        return unit.Value * count;
    }
}

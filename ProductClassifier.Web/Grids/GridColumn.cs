using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace ProductClassifier.Web.Grids;

/// <summary>
/// One column of a <see cref="PagedGrid{T}"/>: its value (what it sorts by and exports), how it reads, and optionally
/// a template for the cell.
/// </summary>
/// <param name="Key">Names the column in the address, the tests and the CSV header's order.</param>
public sealed record GridColumn<T>(string Key, string Title, Func<T, object?> Value)
{
    /// <summary>A .NET format for numbers ("F3"); values without one are shown with their ToString.</summary>
    public string? Format { get; init; }

    /// <summary>Right-aligned, and sorted largest first on the first click.</summary>
    public bool Numeric { get; init; }

    /// <summary>What the cell shows instead of the formatted value.</summary>
    public RenderFragment<T>? Template { get; init; }

    /// <summary>Says what the column means, on hover over its title.</summary>
    public string? Description { get; init; }

    public string Text(T item) => Value(item) switch
    {
        null => "",
        IFormattable number when Format is not null => number.ToString(Format, CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString() ?? "",
    };

    /// <summary>A numeric column shown with <paramref name="format"/>.</summary>
    public static GridColumn<T> Number(string key, string title, Func<T, object?> value, string format = "F3") =>
        new(key, title, value) { Format = format, Numeric = true };
}

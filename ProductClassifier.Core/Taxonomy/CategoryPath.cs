using System.Text.RegularExpressions;

namespace ProductClassifier.Core.Taxonomy;

/// <summary>Splits and joins category paths ("A > B > C") the same way everywhere.</summary>
public static partial class CategoryPath
{
    /// <summary>
    /// The names of a path, trimmed and with inner whitespace runs collapsed; blank names are kept (as "")
    /// so that file parsers can reject them. Splits on '&gt;' with or without spaces around it.
    /// </summary>
    public static string[] Split(string path) => path.Split('>').Select(CleanName).ToArray();

    /// <summary>Names joined by <see cref="Category.PathSeparator"/>.</summary>
    public static string Join(IEnumerable<string> names) => string.Join(Category.PathSeparator, names);

    /// <summary>The path of the parent of <paramref name="path"/>, or null for a top-level path.</summary>
    public static string? ParentOf(string path)
    {
        var cut = path.LastIndexOf(Category.PathSeparator, StringComparison.Ordinal);
        return cut < 0 ? null : path[..cut];
    }

    /// <summary>
    /// The normal form of a path given as names (a feed's array, possibly with "A > B" inside one element):
    /// names cleaned, blank ones dropped. Empty when nothing is left.
    /// </summary>
    public static string[] Normalise(IEnumerable<string?> names) =>
        names.Where(n => n is not null).SelectMany(n => Split(n!)).Where(n => n.Length > 0).ToArray();

    /// <summary>Feed names come with stray spaces ("Casual  Shoes"); one normal form keeps them one node.</summary>
    public static string CleanName(string name) => Whitespace().Replace(name.Trim(), " ");

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Whitespace();
}

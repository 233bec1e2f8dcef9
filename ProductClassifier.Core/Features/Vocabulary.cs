namespace ProductClassifier.Core.Features;

/// <summary>A fitted list of terms; a term's position is its column (or token id offset).</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public Vocabulary(string[] terms)
    {
        Terms = terms;
        index = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < terms.Length; i++) index.TryAdd(terms[i], i);
        lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string[] Terms { get; }
    public int Count => Terms.Length;

    /// <summary>The term's position, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> term) => lookup.TryGetValue(term, out var i) ? i : -1;
}

using System.Runtime.InteropServices;

namespace ProductClassifier.Core.Features;

/// <summary>Document frequency of terms over one chunk of products; chunks are counted in parallel and merged.</summary>
internal sealed class TermCounter
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<int> documentCounts = [];
    private readonly List<int> lastDocument = [];
    private int document;

    public TermCounter() => lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Starts the next product: each term counts once per product.</summary>
    public void NextDocument() => document++;

    public void Add(ReadOnlySpan<char> term)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, term, out var exists);
        if (!exists)
        {
            id = documentCounts.Count;
            documentCounts.Add(0);
            lastDocument.Add(0);
        }
        if (lastDocument[id] == document) return;
        lastDocument[id] = document;
        documentCounts[id]++;
    }

    /// <summary>Sums the chunks and keeps the <paramref name="topK"/> terms seen in at least <paramref name="minCount"/> products.</summary>
    public static (string[] Terms, int[] Counts) Select(IEnumerable<TermCounter> chunks, int topK, int minCount)
    {
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in chunks)
            foreach (var (term, id) in chunk.ids)
                CollectionsMarshal.GetValueRefOrAddDefault(total, term, out _) += chunk.documentCounts[id];
        // Ties broken by ordinal order, so the vocabulary does not depend on how products were chunked.
        var kept = total.Where(t => t.Value >= minCount).ToArray();
        Array.Sort(kept, (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        var count = Math.Min(topK, kept.Length);
        return (kept.Take(count).Select(t => t.Key).ToArray(), kept.Take(count).Select(t => t.Value).ToArray());
    }

    /// <summary>Adapter for <see cref="TextTerms.Visit{TSink}"/>.</summary>
    public readonly struct Sink(TermCounter counter) : ITermSink
    {
        public void Term(ReadOnlySpan<char> term) => counter.Add(term);
    }
}

using System.Buffers;

namespace ProductClassifier.Core.Rules;

/// <summary>
/// Finds which keyword rules fire for a product, in memory: a term fires when its words occur in the field
/// consecutively as whole words (<see cref="WordTokens"/>), case-insensitively. Each text is cut into words
/// once; phrases are looked up by their first word. Thread-safe; knows nothing of the database.
/// </summary>
public sealed class RuleMatcher
{
    private const int FieldCount = 3; // title, description, brand: Any is registered under all three

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly Phrase[]?[][] _byFirstWord = new Phrase[]?[FieldCount][];
    private readonly bool[] _fieldUsed = new bool[FieldCount];

    /// <summary>Indexes the rules' terms; throws <see cref="ArgumentException"/> for a term without letters or digits.</summary>
    public RuleMatcher(IReadOnlyList<RuleDefinition> rules)
    {
        Rules = rules;
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var phrases = new List<Phrase>[FieldCount];
        for (var f = 0; f < FieldCount; f++) phrases[f] = [];
        for (var rule = 0; rule < rules.Count; rule++)
            foreach (var term in rules[rule].Terms)
            {
                var words = WordTokens.Of(term);
                if (words.Count == 0)
                    throw new ArgumentException($"Rule '{rules[rule].Code}': term '{term}' has no letters or digits.", nameof(rules));
                var phrase = new Phrase(words.Select(w => vocabulary.TryGetValue(w, out var id) ? id : vocabulary[w] = vocabulary.Count).ToArray(), rule);
                foreach (var field in FieldsOf(rules[rule].Field)) phrases[field].Add(phrase);
            }
        _words = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var f = 0; f < FieldCount; f++)
        {
            _byFirstWord[f] = new Phrase[]?[vocabulary.Count];
            _fieldUsed[f] = phrases[f].Count > 0;
            foreach (var group in phrases[f].GroupBy(p => p.Words[0]))
                _byFirstWord[f][group.Key] = group.ToArray();
        }
    }

    /// <summary>The rules, in the order <see cref="Match"/> indexes them.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>Indices into <see cref="Rules"/> of the rules that fire, ascending.</summary>
    public int[] Match(string? title, string? description = null, string? brand = null)
    {
        var fired = new bool[Rules.Count];
        var count = Scan(0, title, fired) + Scan(1, description, fired) + Scan(2, brand, fired);
        var result = new int[count];
        for (int rule = 0, next = 0; next < count; rule++)
            if (fired[rule]) result[next++] = rule;
        return result;
    }

    private int Scan(int field, string? text, bool[] fired)
    {
        if (string.IsNullOrEmpty(text) || !_fieldUsed[field]) return 0;
        var index = _byFirstWord[field];
        var lower = ArrayPool<char>.Shared.Rent(text.Length);
        var ids = ArrayPool<int>.Shared.Rent(text.Length / 2 + 1);
        try
        {
            var span = lower.AsSpan(0, text.Length);
            text.AsSpan().ToLowerInvariant(span);
            var count = WordIds(span, ids);
            var newlyFired = 0;
            for (var at = 0; at < count; at++)
            {
                if (ids[at] < 0 || index[ids[at]] is not { } candidates) continue;
                foreach (var phrase in candidates)
                    if (!fired[phrase.Rule] && phrase.Words.AsSpan().SequenceEqual(ids.AsSpan(at, Math.Min(phrase.Words.Length, count - at))))
                    {
                        fired[phrase.Rule] = true;
                        newlyFired++;
                    }
            }
            return newlyFired;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(lower);
            ArrayPool<int>.Shared.Return(ids);
        }
    }

    // A word no rule mentions gets -1: it can neither start nor continue a phrase.
    private int WordIds(ReadOnlySpan<char> lower, int[] ids)
    {
        var count = 0;
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var inWord = i < lower.Length && char.IsLetterOrDigit(lower[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                ids[count++] = _words.TryGetValue(lower[start..i], out var id) ? id : -1;
                start = -1;
            }
        }
        return count;
    }

    private static int[] FieldsOf(RuleField field) => field switch
    {
        RuleField.Title => [0],
        RuleField.Description => [1],
        RuleField.Brand => [2],
        _ => [0, 1, 2],
    };

    private sealed record Phrase(int[] Words, int Rule);
}

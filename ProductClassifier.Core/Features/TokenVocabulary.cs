using System.Text.Json.Serialization;

namespace ProductClassifier.Core.Features;

/// <summary>The fitted token vocabulary shared by all token columns; ids 0 (padding) and 1 (unknown) are reserved.</summary>
internal sealed record TokenVocabulary(string[] Terms)
{
    public const int Padding = 0;
    public const int Unknown = 1;
    private const int Reserved = 2;
    private readonly Vocabulary vocabulary = new(Terms);

    [JsonIgnore] public int Size => Terms.Length + Reserved;

    /// <summary>Appends the ids of the text's words, at most <paramref name="limit"/> of them.</summary>
    public void Encode(string cleaned, int limit, List<(int Start, int Length)> words, List<int> into)
    {
        TextTerms.Words(cleaned, words);
        var span = cleaned.AsSpan();
        for (var w = 0; w < words.Count && w < limit; w++)
        {
            var i = vocabulary.IndexOf(span.Slice(words[w].Start, words[w].Length));
            into.Add(i < 0 ? Unknown : i + Reserved);
        }
    }
}

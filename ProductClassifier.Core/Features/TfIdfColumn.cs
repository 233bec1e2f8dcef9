using System.Text.Json.Serialization;

namespace ProductClassifier.Core.Features;

/// <summary>A fitted tf-idf column: its own vocabulary and idf weights, and its weight in the combined text row.</summary>
internal sealed record TfIdfColumn(string Column, string[] Terms, float[] Idf, float Weight, int WordNgrams, int[]? CharNgrams, bool SublinearTf)
{
    private readonly Vocabulary vocabulary = new(Terms);

    [JsonIgnore] public int Count => Terms.Length;

    /// <summary>Smoothed idf, as scikit-learn: ln((1 + n) / (1 + df)) + 1.</summary>
    public static float[] IdfOf(int[] documentCounts, int documents) =>
        documentCounts.Select(df => (float)(Math.Log((1.0 + documents) / (1.0 + df)) + 1.0)).ToArray();

    /// <summary>Appends the column's L2-normalised, weighted tf-idf values at <paramref name="offset"/> to the open row.</summary>
    public void Encode(string cleaned, int offset, Workspace workspace, SparseBuilder row)
    {
        TextTerms.Words(cleaned, workspace.Words);
        var sink = new CountSink(vocabulary, workspace.Counts, workspace.Touched);
        TextTerms.Visit(cleaned, workspace.Words, WordNgrams, CharNgrams, workspace.Scratch, ref sink);
        var touched = workspace.Touched;
        if (touched.Count == 0) return;
        touched.Sort();
        var squared = 0.0;
        foreach (var i in touched)
        {
            var value = Tf(workspace.Counts[i]) * Idf[i];
            squared += value * value;
        }
        var scale = (float)(Weight / Math.Sqrt(squared));
        foreach (var i in touched)
        {
            row.Add(offset + i, Tf(workspace.Counts[i]) * Idf[i] * scale);
            workspace.Counts[i] = 0;
        }
        touched.Clear();
    }

    private float Tf(int count) => SublinearTf ? 1f + MathF.Log(count) : count;

    /// <summary>Per-thread buffers, sized for the largest column vocabulary.</summary>
    public sealed class Workspace(int largestVocabulary)
    {
        public int[] Counts { get; } = new int[largestVocabulary];
        public List<int> Touched { get; } = [];
        public List<(int Start, int Length)> Words { get; } = [];
        public char[] Scratch { get; } = TextTerms.Scratch();
    }

    private readonly struct CountSink(Vocabulary vocabulary, int[] counts, List<int> touched) : ITermSink
    {
        public void Term(ReadOnlySpan<char> term)
        {
            var i = vocabulary.IndexOf(term);
            if (i >= 0 && counts[i]++ == 0) touched.Add(i);
        }
    }
}

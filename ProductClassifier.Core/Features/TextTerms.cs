namespace ProductClassifier.Core.Features;

/// <summary>Receives the terms of a text as spans, so counting and lookup allocate nothing per term.</summary>
internal interface ITermSink
{
    void Term(ReadOnlySpan<char> term);
}

/// <summary>Splits cleaned text into words (runs of letters and digits) and word / character n-grams.</summary>
internal static class TextTerms
{
    /// <summary>Longer runs are URLs, hashes or glued text: noise in any vocabulary.</summary>
    public const int MaxWordLength = 40;

    /// <summary>Prefix that keeps character n-grams apart from words in the same column vocabulary.</summary>
    public const char CharGramMarker = '\u0001';

    public static void Words(string text, List<(int Start, int Length)> words)
    {
        words.Clear();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                if (i - start <= MaxWordLength) words.Add((start, i - start));
                start = -1;
            }
        }
    }

    /// <summary>Visits every word n-gram up to <paramref name="wordNgrams"/> and, when asked, character n-grams within words.</summary>
    public static void Visit<TSink>(string text, List<(int Start, int Length)> words, int wordNgrams, int[]? charNgrams, char[] scratch, ref TSink sink)
        where TSink : struct, ITermSink
    {
        var span = text.AsSpan();
        for (var w = 0; w < words.Count; w++)
        {
            var (start, length) = words[w];
            sink.Term(span.Slice(start, length));
            var used = length;
            span.Slice(start, length).CopyTo(scratch);
            for (var n = 2; n <= wordNgrams && w + n - 1 < words.Count; n++)
            {
                var next = words[w + n - 1];
                scratch[used++] = ' ';
                span.Slice(next.Start, next.Length).CopyTo(scratch.AsSpan(used));
                used += next.Length;
                sink.Term(scratch.AsSpan(0, used));
            }
            if (charNgrams is [var min, var max]) VisitCharGrams(span.Slice(start, length), min, max, scratch, ref sink);
        }
    }

    private static void VisitCharGrams<TSink>(ReadOnlySpan<char> word, int min, int max, char[] scratch, ref TSink sink)
        where TSink : struct, ITermSink
    {
        // Word boundaries are part of the grams (" sh", "rt "), as in fastText and scikit-learn's char_wb.
        var padded = scratch.AsSpan(scratch.Length / 2, word.Length + 2);
        padded[0] = ' ';
        word.CopyTo(padded[1..]);
        padded[^1] = ' ';
        var gram = scratch.AsSpan(0, max + 1);
        for (var n = min; n <= max; n++)
            for (var i = 0; i + n <= padded.Length; i++)
            {
                gram[0] = CharGramMarker;
                padded.Slice(i, n).CopyTo(gram[1..]);
                sink.Term(gram[..(n + 1)]);
            }
    }

    /// <summary>Scratch large enough for any n-gram of words no longer than <see cref="MaxWordLength"/>.</summary>
    public static char[] Scratch() => new char[4 * (MaxWordLength + 1) + 16];
}

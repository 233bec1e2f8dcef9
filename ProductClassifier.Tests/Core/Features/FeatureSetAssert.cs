using ProductClassifier.Core.Features;

namespace ProductClassifier.Tests.Core.Features;

internal static class FeatureSetAssert
{
    public static void Identical(FeatureSet expected, FeatureSet actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Sparse.Keys.Order(), actual.Sparse.Keys.Order());
        foreach (var (name, rows) in expected.Sparse)
        {
            var other = actual.Sparse[name];
            Assert.Equal(rows.Columns, other.Columns);
            Assert.Equal(rows.RowStarts, other.RowStarts);
            Assert.Equal(rows.Indices, other.Indices);
            Assert.Equal(rows.Values, other.Values);
        }
        Assert.Equal(expected.Dense.Keys.Order(), actual.Dense.Keys.Order());
        foreach (var (name, rows) in expected.Dense)
        {
            Assert.Equal(rows.Columns, actual.Dense[name].Columns);
            Assert.Equal(rows.Values, actual.Dense[name].Values);
        }
        Assert.Equal(expected.Tokens.Keys.Order(), actual.Tokens.Keys.Order());
        foreach (var (name, sequences) in expected.Tokens)
        {
            Assert.Equal(sequences.Length, actual.Tokens[name].Length);
            for (var i = 0; i < sequences.Length; i++) Assert.Equal(sequences[i], actual.Tokens[name][i]);
            Assert.Equal(expected.TokenVocabularySizes[name], actual.TokenVocabularySizes[name]);
        }
    }
}

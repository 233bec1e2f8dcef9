namespace ProductClassifier.Core.Features;

/// <summary>A fitted numeric column: (optional log) → centre and scale → clip; missing values give 0 and a missing flag.</summary>
internal sealed record NumericColumn(string Column, bool Log, double Center, double Scale)
{
    /// <summary>Scaled values beyond this are outliers; clipping keeps one odd price from swamping a linear model.</summary>
    private const double Clip = 10;

    public static NumericColumn Fit(string column, bool log, string scaler, List<double> values)
    {
        if (values.Count == 0) return new NumericColumn(column, log, 0, 1);
        var xs = values.Select(v => log ? Compress(v) : v).ToArray();
        double center, scale;
        if (scaler == "robust")
        {
            Array.Sort(xs);
            center = Quantile(xs, 0.5);
            scale = (Quantile(xs, 0.75) - Quantile(xs, 0.25)) / 1.349; // IQR of a normal distribution is 1.349 σ
        }
        else
        {
            center = xs.Average();
            scale = Math.Sqrt(xs.Sum(x => (x - center) * (x - center)) / xs.Length);
        }
        return new NumericColumn(column, log, center, scale > 1e-12 ? scale : 1);
    }

    /// <summary>Writes (value, missing) into the two slots at <paramref name="at"/>.</summary>
    public void Encode(double? value, Span<float> at)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            at[0] = 0;
            at[1] = 1;
            return;
        }
        at[0] = (float)Math.Clamp(((Log ? Compress(v) : v) - Center) / Scale, -Clip, Clip);
        at[1] = 0;
    }

    private static double Compress(double v) => Math.Sign(v) * Math.Log(1 + Math.Abs(v));

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}

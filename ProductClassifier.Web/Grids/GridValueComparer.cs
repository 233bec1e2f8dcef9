namespace ProductClassifier.Web.Grids;

/// <summary>Orders grid values: numbers by value, text without regard to case; empty values last either way.</summary>
internal sealed class GridValueComparer(bool descending) : IComparer<object?>
{
    public int Compare(object? x, object? y)
    {
        if (x is null || y is null) return (x is null).CompareTo(y is null); // nulls last in both directions
        var order = (x, y) switch
        {
            (string a, string b) => StringComparer.OrdinalIgnoreCase.Compare(a, b),
            (IConvertible a, IConvertible b) when IsNumber(a) && IsNumber(b) => a.ToDouble(null).CompareTo(b.ToDouble(null)),
            (IComparable a, _) => a.CompareTo(y),
            _ => 0,
        };
        return descending ? -order : order;
    }

    private static bool IsNumber(IConvertible value) => value.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal;
}

namespace ProductClassifier.Core.Demo;

/// <summary>One generated feed row: its keys in feed order; a key left out is a field the feed lacks,
/// a null value an explicit JSON null.</summary>
internal sealed record DemoProduct(int Index, string Id, DemoLeaf Leaf, bool HasImage, IReadOnlyList<DemoField> Fields)
{
    public string ImagePath => $"images/{Id}.png";
}

/// <summary>A JSON key and its value: string, decimal, int, double, string[] or a nested list of fields.</summary>
internal readonly record struct DemoField(string Key, object? Value);

using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Demo;

/// <summary>A leaf of the demo taxonomy and the words its products are described with.</summary>
/// <param name="Nouns">What sellers call the product; rules know only some of them, which is where their recall goes.</param>
internal sealed record DemoLeaf(int Index, string Top, string Middle, string Name, string[] Nouns, string[] Modifiers,
    decimal MinPrice, decimal MaxPrice)
{
    public string[] PathNames => [Top, Middle, Name];
    public string Path => string.Join(Category.PathSeparator, PathNames);
}

namespace ProductClassifier.Core.Demo;

/// <summary>How big the demo catalogue is and which random draw it is; the same options give the same bytes.</summary>
public sealed record DemoDatasetOptions(int Products = DemoDatasetOptions.DefaultProducts, int Seed = DemoDatasetOptions.DefaultSeed)
{
    public const int DefaultProducts = 2000;
    public const int DefaultSeed = 42;
}

/// <summary>What a demo generation wrote.</summary>
public sealed record DemoDatasetSummary(string Folder, int Products, int Images, int Categories, int Rules);

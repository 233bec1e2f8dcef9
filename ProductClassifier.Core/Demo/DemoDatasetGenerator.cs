using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Demo;

/// <summary>
/// Writes a synthetic, deterministic catalogue as a dataset folder (dataset.json, products.jsonl.gz,
/// images/, rules.json), so that it is imported exactly like any real data set.
/// </summary>
public static class DemoDatasetGenerator
{
    /// <summary>The catalogue name the demo's dataset.json gives.</summary>
    public const string CatalogueName = "demo";

    /// <summary>Writes the dataset into <paramref name="folder"/>, replacing an earlier dataset there.</summary>
    /// <exception cref="UserFacingException">The folder holds something other than a dataset, or the options are out of range.</exception>
    public static async Task<DemoDatasetSummary> WriteAsync(string folder, DemoDatasetOptions options, CancellationToken ct = default)
    {
        if (options.Products < 1) throw new UserFacingException($"--products must be at least 1 (got {options.Products}).");
        folder = Path.GetFullPath(folder);
        PrepareFolder(folder);

        var products = CreateProducts(options);
        var present = products.SelectMany(p => Ancestry(p.Leaf)).ToHashSet();
        var rules = DemoRuleFactory.Create(new Random(Mix(options.Seed, -1)), present);

        await DemoDatasetFiles.WriteProductsAsync(Path.Combine(folder, DemoDatasetFiles.ProductsFile), products, ct);
        await DemoDatasetFiles.WriteRulesAsync(Path.Combine(folder, DemoDatasetFiles.RulesFile), rules, ct);
        var images = await WriteImagesAsync(folder, products, options.Seed, ct);
        // dataset.json last: a folder with one is complete.
        await DemoDatasetFiles.WriteManifestAsync(Path.Combine(folder, DemoDatasetFiles.ManifestFile), CatalogueName, ct);
        return new DemoDatasetSummary(folder, products.Count, images, present.Count, rules.Count);
    }

    private static List<DemoProduct> CreateProducts(DemoDatasetOptions options)
    {
        // Every leaf appears once first (so the tree and rules are complete), then leaves follow a
        // Zipf-like popularity: real catalogues are heavily imbalanced.
        var master = new Random(options.Seed);
        var leaves = DemoTaxonomy.Leaves.ToArray();
        master.Shuffle(leaves);
        var cumulative = new double[leaves.Length];
        for (var i = 0; i < leaves.Length; i++) cumulative[i] = (i > 0 ? cumulative[i - 1] : 0) + Math.Pow(i + 1, -0.7);

        var products = new List<DemoProduct>(options.Products);
        for (var i = 0; i < options.Products; i++)
        {
            var rng = new Random(Mix(options.Seed, i));
            var leaf = i < leaves.Length ? leaves[i] : leaves[Draw(rng, cumulative)];
            products.Add(DemoProductFactory.Create(rng, i + 1, leaf));
        }
        return products;
    }

    private static async Task<int> WriteImagesAsync(string folder, List<DemoProduct> products, int seed, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var withImage = products.Where(p => p.HasImage).ToArray();
        // Each image has its own random stream, so painting in parallel stays deterministic.
        await Parallel.ForEachAsync(withImage, ct, async (p, token) =>
        {
            var png = DemoImagePainter.Paint(new Random(Mix(seed ^ 0x5EED, p.Index)), p.Leaf);
            await File.WriteAllBytesAsync(Path.Combine(folder, p.ImagePath), png, token);
        });
        return withImage.Length;
    }

    private static void PrepareFolder(string folder)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            if (!File.Exists(Path.Combine(folder, DemoDatasetFiles.ManifestFile)))
                throw new UserFacingException($"{folder} already holds files and no {DemoDatasetFiles.ManifestFile}: choose an empty folder for the demo dataset.");
            File.Delete(Path.Combine(folder, DemoDatasetFiles.ManifestFile));
            File.Delete(Path.Combine(folder, DemoDatasetFiles.ProductsFile));
            File.Delete(Path.Combine(folder, DemoDatasetFiles.RulesFile));
            if (Directory.Exists(Path.Combine(folder, "images"))) Directory.Delete(Path.Combine(folder, "images"), recursive: true);
        }
        Directory.CreateDirectory(folder);
    }

    private static IEnumerable<string> Ancestry(DemoLeaf leaf) =>
        [leaf.Top, leaf.Top + Category.PathSeparator + leaf.Middle, leaf.Path];

    private static int Draw(Random rng, double[] cumulative)
    {
        var x = rng.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    /// <summary>A stable per-item seed (HashCode is randomised per process, so it cannot serve here).</summary>
    private static int Mix(int seed, int item)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)item) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}

using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc taxonomy import|from-products|show</c>: a catalogue's category tree.</summary>
internal static class TaxonomyCommands
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Google (ID - A > B), Shopify (gid://… : A > B), plain (A > B) or CSV/TSV id,parent_id,name" };
        var format = new Option<TaxonomyFormat?>("--format") { Description = "Override format detection: Plain, Google, Shopify, ParentId" };
        var import = new Command("import", "Merge a taxonomy file into the catalogue's tree (existing paths keep their ids)") { file, format };
        import.SetAction(CliHost.WithCatalogue(p => TaxonomyParser.ParseFile(p.GetValue(file)!, p.GetValue(format)), async (_, tree, db, catalogue, ct) =>
        {
            var result = await TaxonomyImporter.ImportAsync(db, catalogue.Id, tree, ct);
            Console.WriteLine($"{tree.Count} categories read ({tree.Format}, depth up to {tree.MaxDepth}); {result.Added} new; catalogue '{catalogue.Name}' has {result.Total}.");
        }, createNamed: true));

        var fromProducts = new Command("from-products", "Build the tree from the feed category paths the catalogue's products carry");
        fromProducts.SetAction(CliHost.WithCatalogue(async (_, db, catalogue, ct) =>
        {
            var (tree, result) = await TaxonomyImporter.FromProductsAsync(db, catalogue, ct);
            Console.WriteLine($"feed categories → {tree.Count} categories (depth up to {tree.MaxDepth}); {result.Added} new; catalogue '{catalogue.Name}' has {result.Total}.");
        }));

        var depth = new Option<int>("--depth") { Description = "Deepest level to list", DefaultValueFactory = _ => 2 };
        var rows = new Option<int>("--rows") { Description = "Most categories to list", DefaultValueFactory = _ => 40 };
        var show = new Command("show", "Summarise the catalogue's tree: categories per level, then the first rows") { depth, rows };
        show.SetAction(CliHost.WithCatalogue(async (p, db, catalogue, ct) =>
        {
            var categories = await db.Categories.AsNoTracking().Where(c => c.CatalogueId == catalogue.Id)
                .Select(c => new { c.Id, c.ParentId, c.Path, c.Name, c.Depth, c.ExternalId }).ToListAsync(ct);
            Console.WriteLine($"catalogue '{catalogue.Name}': {categories.Count} categories");
            foreach (var level in categories.GroupBy(c => c.Depth).OrderBy(g => g.Key))
                Console.WriteLine($"  level {level.Key}: {level.Count()}");
            var children = categories.ToLookup(c => c.ParentId);
            var listed = categories.Where(c => c.Depth <= p.GetValue(depth)).OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
            foreach (var c in listed.Take(p.GetValue(rows)))
                Console.WriteLine($"{new string(' ', 2 * (c.Depth - 1))}{c.Name}{(children[c.Id].Any() ? $" ({children[c.Id].Count()})" : "")}{(c.ExternalId is null ? "" : $"  [{c.ExternalId}]")}");
            if (listed.Count > p.GetValue(rows)) Console.WriteLine($"… {listed.Count - p.GetValue(rows)} more (--rows, --depth)");
        }));

        return new Command("taxonomy", "The catalogue's category tree") { import, fromProducts, show };
    }
}

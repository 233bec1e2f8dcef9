using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Rules;
using ProductClassifier.Core.Taxonomy;

namespace ProductClassifier.Core.Datasets;

/// <summary>
/// Creates — or replaces — the catalogue a data set folder describes: products through the normal ingest path,
/// images copied into the image store, the tree from the products' category paths, the rules (applied), and with
/// <c>groundTruth</c> the true labels as reference labels (for evaluation and simulation, never for training).
/// </summary>
public sealed class DatasetImporter(ClassifierDb db, ImageStore images)
{
    public async Task<DatasetImportResult> ImportAsync(string folder, bool groundTruth, string? catalogueName = null,
        IProgress<DatasetImportProgress>? progress = null, IProgress<IngestProgress>? ingestProgress = null,
        CancellationToken ct = default)
    {
        var dataset = DatasetDescriptor.Load(folder);
        var rules = dataset.RulesPath is { } rulesPath ? RuleFile.Load(rulesPath) : [];
        var name = catalogueName ?? dataset.Name;

        progress?.Report(new DatasetImportProgress("replacing catalogue"));
        await CatalogueStore.DeleteAsync(db, name, ct);
        var imageFolder = images.CatalogueFolder(name);
        if (Directory.Exists(imageFolder)) Directory.Delete(imageFolder, recursive: true);
        var catalogue = await CatalogueStore.GetOrCreateAsync(db, name, ct);

        progress?.Report(new DatasetImportProgress("products"));
        var ingested = await new FeedIngester(db).IngestAsync(catalogue,
            new IngestRequest(dataset.Source, dataset.ProductsPath) { Mapping = dataset.ToFeedMapping(), Full = true },
            ingestProgress, ct);

        var (copied, missing) = await CopyImagesAsync(dataset, catalogue, progress, ct);

        progress?.Report(new DatasetImportProgress("taxonomy"));
        var categories = dataset.CategoryPath is null ? 0 : (await TaxonomyImporter.FromProductsAsync(db, catalogue, ct)).Result.Total;

        var ruleLabels = 0;
        if (rules.Count > 0)
        {
            progress?.Report(new DatasetImportProgress("rules"));
            await RuleImporter.ImportAsync(db, catalogue.Id, rules, ct);
            ruleLabels = (await RuleApplier.ApplyAsync(db, catalogue.Id, null, ct)).Labels;
        }

        var referenceLabels = 0;
        if (groundTruth && dataset.CategoryPath is not null)
        {
            progress?.Report(new DatasetImportProgress("reference labels"));
            referenceLabels = await WriteReferenceLabelsAsync(catalogue, ct);
        }
        return new DatasetImportResult(catalogue, ingested, copied, missing, categories, rules.Count, ruleLabels, referenceLabels);
    }

    private async Task<(int Copied, int Missing)> CopyImagesAsync(DatasetDescriptor dataset, Catalogue catalogue,
        IProgress<DatasetImportProgress>? progress, CancellationToken ct)
    {
        var refs = await db.Products.Where(p => p.CatalogueId == catalogue.Id && p.ImageRef != null)
            .Select(p => p.ImageRef!).ToListAsync(ct);
        int copied = 0, missing = 0;
        await Parallel.ForEachAsync(refs, ct, (imageRef, _) =>
        {
            var source = Path.GetFullPath(Path.Combine(dataset.Folder, imageRef));
            var target = images.PathOf(catalogue.Name, imageRef);
            if (target is null || !File.Exists(source)) Interlocked.Increment(ref missing);
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
                var done = Interlocked.Increment(ref copied);
                if (done % 500 == 0) progress?.Report(new DatasetImportProgress("images", done, refs.Count));
            }
            return ValueTask.CompletedTask;
        });
        progress?.Report(new DatasetImportProgress("images", copied, refs.Count));
        return (copied, missing);
    }

    /// <summary>Each product's category path, cleaned as the tree builder cleans it, labels its node and every ancestor.</summary>
    private async Task<int> WriteReferenceLabelsAsync(Catalogue catalogue, CancellationToken ct)
    {
        var ids = await db.Categories.Where(c => c.CatalogueId == catalogue.Id).ToDictionaryAsync(c => c.Path, c => c.Id, ct);
        var hierarchy = await CategoryHierarchy.LoadAsync(db, catalogue.Id, ct);
        var products = await db.Products.Where(p => p.CatalogueId == catalogue.Id && p.FeedCategory != null)
            .Select(p => new { p.Id, p.FeedCategory }).ToListAsync(ct);
        var leafByPath = new Dictionary<string, int?>();

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var written = 0;
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY reference_labels (product_id, category_id) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var product in products)
                {
                    if (!leafByPath.TryGetValue(product.FeedCategory!, out var leaf))
                        leafByPath[product.FeedCategory!] = leaf =
                            new TaxonomyBuilder().Add(product.FeedCategory!) is { } path && ids.TryGetValue(path, out var id) ? id : null;
                    if (leaf is null) continue;
                    foreach (var category in hierarchy.AncestorsAndSelf(leaf.Value))
                    {
                        await writer.StartRowAsync(ct);
                        await writer.WriteAsync(product.Id, NpgsqlDbType.Bigint, ct);
                        await writer.WriteAsync(category, NpgsqlDbType.Integer, ct);
                        written++;
                    }
                }
                await writer.CompleteAsync(ct);
            }
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

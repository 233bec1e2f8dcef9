using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Features;
using ProductClassifier.Core.Features.Pretrained;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Core.Rules;
using ProductClassifier.Training.Pipeline;

namespace ProductClassifier.Training.Serving;

/// <summary>
/// Classifies products with each catalogue's active model. It looks up which version is active at most every few
/// seconds and loads a newly promoted one, so a promotion or rollback takes effect without a restart.
/// </summary>
public sealed class ClassifierService(IDbContextFactory<ClassifierDb> databases, ModelStore models) : IDisposable
{
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (ActiveModel Model, DateTime CheckedAt)> _loaded = [];
    private readonly Lazy<ImageFeaturizer> _images = new(() => new ImageFeaturizer());
    private readonly Lazy<SentenceFeaturizer> _sentences = new(() => new SentenceFeaturizer());

    /// <param name="checkedProducts">Checked by <see cref="ClassifyBody"/>: images decoded from base64 and within the size limits.</param>
    public async Task<ClassifyResponse> ClassifyAsync(string? catalogueName, IReadOnlyList<ClassifyProduct> checkedProducts, CancellationToken ct)
    {
        var products = checkedProducts.Select(p => p.Request).ToList();
        await _gate.WaitAsync(ct); // one prediction at a time: the models' modules are not shared across threads
        try
        {
            var (catalogue, model) = await ModelForAsync(catalogueName, ct);
            var records = products.Select((p, i) => new ProductRecord(i, p.Id ?? $"request:{i}", p.Title, p.Description, p.Brand, p.Price, null,
                p.Attributes ?? [], model.Rules.Match(p.Title, p.Description, p.Brand))).ToList();
            var features = model.Classifier.Transform.Transform(records);
            if (model.NeedsImages) await AddImagesAsync(features, checkedProducts, ct);
            if (model.NeedsSentences) (await _sentences.Value.ComputeAsync(records, null, ct)).ToBlock(features, FeatureSet.Sentence, null);

            var rows = Enumerable.Range(0, records.Count).ToArray();
            var probabilities = model.Classifier.Predict(features, rows);
            var results = rows.Select(r => new ClassifyResult(products[r].Id, model.Classifier.AboveThreshold(probabilities, r)
                .OrderByDescending(x => x.Category.Depth)
                .Select(x => new CategoryScore(x.Category.Path, Math.Round(x.Probability, 4))).ToList())).ToList();
            return new ClassifyResponse(catalogue, model.Version.Number, results);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Loads the active model of every catalogue that has one (the classify API's readiness): "catalogue vN" each.</summary>
    public async Task<IReadOnlyList<string>> LoadActiveModelsAsync(CancellationToken ct)
    {
        string[] names;
        await using (var db = await databases.CreateDbContextAsync(ct))
            names = await (from v in db.ModelVersions
                           where v.IsActive
                           join c in db.Catalogues on v.CatalogueId equals c.Id
                           orderby c.Name
                           select c.Name).ToArrayAsync(ct);
        var loaded = new List<string>();
        foreach (var name in names)
        {
            await _gate.WaitAsync(ct);
            try
            {
                var (catalogue, model) = await ModelForAsync(name, ct);
                loaded.Add($"{catalogue} v{model.Version.Number}");
            }
            finally { _gate.Release(); }
        }
        return loaded;
    }

    private async Task AddImagesAsync(FeatureSet features, IReadOnlyList<ClassifyProduct> products, CancellationToken ct)
    {
        var batch = new FeatureBatch(ImageFeaturizer.Dimensions, new float[products.Count * ImageFeaturizer.Dimensions], new bool[products.Count]);
        for (var i = 0; i < products.Count; i++)
        {
            if (products[i].Image is not { } bytes) continue;
            var row = await _images.Value.FeaturizeAsync(bytes, ct)
                ?? throw new UserFacingException($"$[{i}].image: the image could not be decoded (corrupt or truncated).");
            row.CopyTo(batch.Values.AsSpan(i * batch.Dimensions));
            batch.Present[i] = true;
        }
        batch.ToBlock(features, FeatureSet.Image, FeatureSet.ImagePresent);
    }

    private async Task<(string Catalogue, ActiveModel Model)> ModelForAsync(string? name, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var catalogue = await CatalogueStore.ResolveAsync(db, name, ct);
        if (_loaded.TryGetValue(catalogue.Name, out var loaded) && DateTime.UtcNow - loaded.CheckedAt < RecheckAfter)
            return (catalogue.Name, loaded.Model);
        var version = await ModelStore.ResolveAsync(db, catalogue, null, ct);
        if (loaded.Model?.Version.Id == version.Id)
        {
            _loaded[catalogue.Name] = (loaded.Model, DateTime.UtcNow);
            return (catalogue.Name, loaded.Model);
        }
        var rules = await CatalogueRules.LoadAsync(db, catalogue.Id, ct);
        var model = new ActiveModel(version, TrainedClassifier.Load(models.PathOf(version)), new RuleMatcher(rules.Select(r => r.Definition).ToList()));
        loaded.Model?.Dispose();
        _loaded[catalogue.Name] = (model, DateTime.UtcNow);
        return (catalogue.Name, model);
    }

    public void Dispose()
    {
        foreach (var (model, _) in _loaded.Values) model.Dispose();
        if (_images.IsValueCreated) _images.Value.Dispose();
        if (_sentences.IsValueCreated) _sentences.Value.Dispose();
    }
}

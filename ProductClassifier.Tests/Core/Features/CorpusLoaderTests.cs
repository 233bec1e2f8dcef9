using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Datasets;
using ProductClassifier.Core.Demo;
using ProductClassifier.Core.Features;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Features;

public sealed class CorpusLoaderTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-corpus-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_dataset_folder_and_its_imported_catalogue_give_the_same_corpus()
    {
        var summary = await DemoDatasetGenerator.WriteAsync(Path.Combine(_folder, "data"), new DemoDatasetOptions(150, Seed: 9));
        var images = new ImageStore(Path.Combine(_folder, "images"));
        await using var db = database.Open();
        var imported = await new DatasetImporter(db, images).ImportAsync(summary.Folder, groundTruth: true, "corpus-a");

        var fromFolder = await DatasetCorpusLoader.LoadAsync(summary.Folder);
        var fromDatabase = await CorpusLoader.FromDatabaseAsync(db, imported.Catalogue, r => images.PathOf("corpus-a", r));

        Assert.Equal(fromFolder.Categories, fromDatabase.Categories);
        var byKey = fromDatabase.Products.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i);
        Assert.Equal(150, byKey.Count);
        for (var i = 0; i < fromFolder.Products.Count; i++)
        {
            var j = byKey[fromFolder.Products[i].Key];
            Assert.Equal(fromFolder.RuleLabels(i), fromDatabase.RuleLabels(j));
            Assert.Equal(fromFolder.ReferenceLabels[i], fromDatabase.ReferenceLabels[j]);
            Assert.Equal(fromFolder.Products[i].Title, fromDatabase.Products[j].Title);
            Assert.Equal(fromFolder.Products[i].ImagePath is null, fromDatabase.Products[j].ImagePath is null);
        }
        Assert.Contains(fromFolder.ReferenceLabels, l => l is { Length: 3 });
        Assert.Contains(fromFolder.Products, p => p.FiredRules.Length > 0);
    }
}

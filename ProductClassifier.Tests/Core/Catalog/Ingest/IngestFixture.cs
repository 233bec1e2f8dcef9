using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

/// <summary>One test's catalogue and feed folder: ingest into it and read its products back.</summary>
public sealed class IngestFixture(ClassifierDb db) : IAsyncDisposable
{
    public FeedFolder Feeds { get; } = new();
    public Catalogue Catalogue { get; private set; } = null!;
    public ClassifierDb Db => db;

    public static async Task<IngestFixture> CreateAsync(ClassifierDb db)
    {
        var fixture = new IngestFixture(db);
        fixture.Catalogue = await CatalogueStore.GetOrCreateAsync(db, "ingest-" + Guid.NewGuid().ToString("N")[..12]);
        return fixture;
    }

    public Task<IngestResult> IngestAsync(string feedPath, string source = "shop", FeedMapping? mapping = null, bool full = false) =>
        new FeedIngester(db).IngestAsync(Catalogue, new IngestRequest(source, feedPath) { Mapping = mapping, Full = full });

    public Task<List<Product>> ProductsAsync() =>
        db.Products.AsNoTracking().Where(p => p.CatalogueId == Catalogue.Id).OrderBy(p => p.ExternalId).ToListAsync();

    /// <summary>The reject file's rows after its header, as (line, field, reason, raw).</summary>
    public static List<string[]> ReadRejects(IngestResult result)
    {
        Assert.NotNull(result.RejectFile);
        var lines = File.ReadAllLines(result.RejectFile!);
        Assert.Equal("line,field,reason,raw", lines[0]);
        return lines.Skip(1).Select(SplitCsv).ToList();
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return [.. fields];
    }

    public ValueTask DisposeAsync()
    {
        Feeds.Dispose();
        return ValueTask.CompletedTask;
    }
}

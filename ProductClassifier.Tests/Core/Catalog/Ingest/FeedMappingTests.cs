using ProductClassifier.Core;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

public sealed class FeedMappingTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly FeedFolder _files = new();

    [Fact]
    public void Mapping_file_reads_fields_attributes_and_options()
    {
        var path = _files.Write("shop.json", """
            { // comments are allowed
              "format": "tsv", "delimiter": "\t", "categorySeparator": "|",
              "fields": { "id": "SKU", "title": "Name", "price": "offer.price", "categoryPath": "Cats" },
              "attributes": ["Colour", "Size"]
            }
            """);

        var mapping = FeedMapping.FromFile(path);

        Assert.Equal((FeedFormat.Tsv, '\t', "|"), (mapping.Format, mapping.Delimiter, mapping.CategorySeparator));
        Assert.Equal("SKU", mapping.Fields[ProductField.ExternalId]);
        Assert.Equal("offer.price", mapping.Fields[ProductField.Price]);
        Assert.Equal(["Colour", "Size"], mapping.Attributes!);
        Assert.Null(FeedMapping.FromFile(_files.Write("star.json", """{"fields": {"externalId": "id"}, "attributes": "*"}""")).Attributes);
    }

    [Theory]
    [InlineData("""{"fields": {"externalId": "id",}""", "not valid JSON")]
    [InlineData("""[1]""", "expected a JSON object")]
    [InlineData("""{"fields": {"title": "name"}}""", "must map externalId")]
    [InlineData("""{"fields": {"externalId": "id", "colour": "c"}}""", "unknown product field \"colour\"")]
    [InlineData("""{"fields": {"externalId": 3}}""", "expected a string")]
    [InlineData("""{"fields": {"externalId": "id"}, "format": "xml"}""", "unknown format \"xml\"")]
    [InlineData("""{"fields": {"externalId": "id"}, "delimiter": ";;"}""", "single character")]
    [InlineData("""{"fields": {"externalId": "id"}, "attributes": 5}""", "\"attributes\"")]
    [InlineData("""{"fields": {"externalId": "id"}, "colums": []}""", "unknown key \"colums\"")]
    [InlineData("""{"format": "csv"}""", "\"fields\" is missing")]
    public void Bad_mapping_file_is_a_clear_error_naming_the_file(string json, string expected)
    {
        var path = _files.Write("bad-mapping.json", json);

        var e = Assert.Throws<UserFacingException>(() => FeedMapping.FromFile(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Missing_mapping_file_is_a_clear_error()
    {
        var e = Assert.Throws<UserFacingException>(() => FeedMapping.FromFile(_files.Path("nope.json")));
        Assert.Contains("nope.json", e.Message);
    }

    [Fact]
    public async Task Mapping_naming_a_column_the_feed_lacks_is_a_clear_error()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv", "id,title\n1,x\n");
        var mapping = FeedMapping.FromFile(_files.Write("m.json", """{"fields": {"externalId": "id", "price": "cost"}}"""));

        var e = await Assert.ThrowsAsync<UserFacingException>(() => ingest.IngestAsync(feed, mapping: mapping));

        Assert.Contains("feed.csv", e.Message);
        Assert.Contains("'cost'", e.Message);
    }

    [Fact]
    public async Task Bad_json_path_in_a_mapping_is_a_clear_error()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.jsonl", "{\"id\": 1}\n");
        var mapping = new FeedMapping { Fields = new Dictionary<ProductField, string> { [ProductField.ExternalId] = "id", [ProductField.Price] = "offer..price" } };

        var e = await Assert.ThrowsAsync<UserFacingException>(() => ingest.IngestAsync(feed, mapping: mapping));

        Assert.Contains("offer..price", e.Message);
    }

    [Fact]
    public async Task Unknown_feed_extension_is_a_clear_error()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);

        var e = await Assert.ThrowsAsync<UserFacingException>(() => ingest.IngestAsync(ingest.Feeds.Write("feed.xml", "<x/>")));

        Assert.Contains("feed.xml", e.Message);
        Assert.Contains("\"format\"", e.Message);
    }

    public void Dispose() => _files.Dispose();
}

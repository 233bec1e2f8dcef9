using System.Text;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

public sealed class FeedFormatTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Gzipped_csv_with_a_bom_and_crlf_reads_like_plain_csv()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv.gz", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id,title,price\r\ng1,\"Zipped, quoted\",3.50\r\ng2,Plain,oops\r\n")]);

        var result = await ingest.IngestAsync(feed);

        Assert.Equal((2, 1, 1), (result.Read, result.Inserted, result.Rejected));
        Assert.Equal(["3", "price"], IngestFixture.ReadRejects(result).Single()[..2]);
        var product = Assert.Single(await ingest.ProductsAsync());
        Assert.Equal(("g1", "Zipped, quoted", 3.50m), (product.ExternalId, product.Title, product.Price));
    }

    [Fact]
    public async Task Tsv_has_no_quoting_and_names_bad_rows_by_line()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.tsv", "id\ttitle\tprice\tcategory\nt1\t5\" \"screen\" mount\t12,50\tA > B\nt2\tNo price\tabc\tA\nt3\tThird\t\t\n");

        var result = await ingest.IngestAsync(feed);

        Assert.Equal(["3", "price"], IngestFixture.ReadRejects(result).Single()[..2]);
        var products = await ingest.ProductsAsync();
        Assert.Equal(("5\" \"screen\" mount", 12.50m, "A > B"), (products[0].Title, products[0].Price, products[0].FeedCategory));
        Assert.Equal(("Third", null), (products[1].Title, products[1].Price));
    }

    [Fact]
    public async Task Jsonl_maps_json_paths_arrays_and_listed_attributes()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.ndjson.gz", Encoding.UTF8.GetBytes("""
            {"sku": 101, "name": "Trail shoe", "offer": {"price": {"amount": "89.90", "currency": "EUR"}, "seller": "Runners"}, "images": ["a.jpg", "b.jpg"], "path": ["Footwear", "Running"], "specs": {"weight": 300}, "tags": "trail,grip", "ignored": 1}
            {"sku": "102", "name": "Road shoe", "offer": {"price": {"amount": 120}}, "path": "Footwear / Road", "specs": null}

            {"sku": "103", "name": "Broken", "offer": {"price": {"amount": "-1"}}}
            """));
        var mapping = new FeedMapping
        {
            Fields = new Dictionary<ProductField, string>
            {
                [ProductField.ExternalId] = "sku",
                [ProductField.Title] = "name",
                [ProductField.Price] = "offer.price.amount",
                [ProductField.Currency] = "offer.price.currency",
                [ProductField.Merchant] = "offer.seller",
                [ProductField.Image] = "images[0]",
                [ProductField.CategoryPath] = "path",
            },
            Attributes = ["tags", "specs", "images[1]"],
            CategorySeparator = "/",
        };

        var result = await ingest.IngestAsync(feed, mapping: mapping);

        Assert.Equal((3, 2), (result.Read, result.Inserted));
        Assert.Equal(["4", "price"], IngestFixture.ReadRejects(result).Single()[..2]); // line 3 is blank
        var products = await ingest.ProductsAsync();
        var shoe = products[0];
        Assert.Equal(("101", "Trail shoe", 89.90m, "EUR", "Runners", "a.jpg", "Footwear > Running"),
            (shoe.ExternalId, shoe.Title, shoe.Price, shoe.Currency, shoe.Merchant, shoe.ImageRef, shoe.FeedCategory));
        Assert.Equal("""{"tags": "trail,grip", "specs": {"weight": 300}, "images[1]": "b.jpg"}""", shoe.Attributes);
        Assert.Equal((120m, "Footwear > Road", "{}"), (products[1].Price, products[1].FeedCategory, products[1].Attributes));
    }

    [Fact]
    public async Task Jsonl_identity_mapping_keeps_every_other_key()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.jsonl", """
            {"id": "j1", "title": "Lamp", "price": 19.5, "category_path": ["Home", "Lighting"], "colour": "white", "dims": [10, 20]}
            """);

        await ingest.IngestAsync(feed);

        var lamp = Assert.Single(await ingest.ProductsAsync());
        Assert.Equal((19.50m, "Home > Lighting", """{"dims": [10, 20], "colour": "white"}"""), (lamp.Price, lamp.FeedCategory, lamp.Attributes));
    }

    public static TheoryData<string, byte[], string, string> JsonlBadLines => new()
    {
        { "not JSON", "{\"id\": \"x\", \"title\": \n"u8.ToArray(), "(record)", "not valid JSON" },
        { "not an object", "[1, 2]\n"u8.ToArray(), "(record)", "expected a JSON object" },
        { "missing id", "{\"title\": \"no id\"}\n"u8.ToArray(), "externalId", "missing id" },
        { "invalid UTF-8", [.. "{\"id\": \"x\", \"title\": \"Caf"u8, 0xE9, .. "\"}\n"u8], "title", "invalid UTF-8" },
        { "bad price", "{\"id\": \"x\", \"price\": \"NaN\"}\n"u8.ToArray(), "price", "is not a number" },
    };

    [Theory]
    [MemberData(nameof(JsonlBadLines))]
    public async Task Jsonl_bad_line_is_rejected_and_its_neighbours_land(string name, byte[] badLine, string field, string reason)
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.jsonl", [.. "{\"id\": \"a\"}\n"u8, .. badLine, .. "{\"id\": \"b\"}\n"u8]);

        var result = await ingest.IngestAsync(feed);

        var reject = Assert.Single(IngestFixture.ReadRejects(result));
        Assert.True(reject[0] == "2" && reject[1] == field, $"{name}: {string.Join(" | ", reject)}");
        Assert.Contains(reason, reject[2]);
        Assert.Equal(["a", "b"], (await ingest.ProductsAsync()).Select(p => p.ExternalId));
    }

    [Fact]
    public async Task Mapping_format_overrides_the_extension_and_delimiter_is_configurable()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("export.txt", "code;label;cost\nk1;Kettle;\"24,99\"\n");
        var mapping = new FeedMapping
        {
            Format = FeedFormat.Csv,
            Delimiter = ';',
            Fields = new Dictionary<ProductField, string> { [ProductField.ExternalId] = "code", [ProductField.Title] = "label", [ProductField.Price] = "cost" },
        };

        await ingest.IngestAsync(feed, mapping: mapping);

        var kettle = Assert.Single(await ingest.ProductsAsync());
        Assert.Equal(("Kettle", 24.99m, "{}"), (kettle.Title, kettle.Price, kettle.Attributes));
    }
}

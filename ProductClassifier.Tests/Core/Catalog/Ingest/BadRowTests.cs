using System.Text;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

/// <summary>Each kind of bad row is skipped with its line, field and reason, and the rows around it land.</summary>
public sealed class BadRowTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Header = "id,title,price,colour\n";
    private const string Before = "a1,Good before,10.00,red\n";
    private const string After = "a9,Good after,20.00,blue\n";

    public static TheoryData<string, byte[], string, string> Cases => new()
    {
        { "missing id", Bytes(",No id,5.00,red\n"), "externalId", "missing id" },
        { "blank id", Bytes("  ,Blank id,5.00,red\n"), "externalId", "missing id" },
        { "non-numeric price", Bytes("b1,Bad price,cheap,red\n"), "price", "'cheap' is not a number" },
        { "negative price", Bytes("b1,Negative,-4.50,red\n"), "price", "'-4.50' is negative" },
        { "NaN price", Bytes("b1,Not a number,NaN,red\n"), "price", "'NaN' is not a number" },
        { "too few fields", Bytes("b1,Short row\n"), "(row)", "expected 4 fields, found 2" },
        { "too many fields", Bytes("b1,Long,1,red,extra\n"), "(row)", "expected 4 fields, found 5" },
        { "text after closing quote", Bytes("b1,\"Quoted\"tail,1,red\n"), "title", "text after the closing quote" },
        { "invalid UTF-8", [.. Bytes("b1,Caf"), 0xE9, .. Bytes(" au lait,1,red\n")], "title", "invalid UTF-8 bytes in column 'title'" },
        { "NUL byte", [.. Bytes("b1,ok,1,re"), 0x00, .. Bytes("d\n")], "colour", "NUL byte in column 'colour'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_row_is_rejected_with_line_field_and_reason(string name, byte[] badRow, string field, string reason)
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv", [.. Bytes(Header + Before), .. badRow, .. Bytes(After)]);

        var result = await ingest.IngestAsync(feed);

        Assert.True(result.Rejected == 1, name);
        var reject = Assert.Single(IngestFixture.ReadRejects(result));
        Assert.Equal(["3", field], reject[..2]);
        Assert.Contains(reason, reject[2]);
        Assert.Equal(["a1", "a9"], (await ingest.ProductsAsync()).Select(p => p.ExternalId));
        Assert.Equal(2, result.Inserted);
    }

    [Fact]
    public async Task Duplicate_id_keeps_the_first_row_and_rejects_the_second()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv", Header + Before + "d1,First,1,red\nd1,Second,2,red\n" + After);

        var result = await ingest.IngestAsync(feed);

        var reject = Assert.Single(IngestFixture.ReadRejects(result));
        Assert.Equal(["4", "externalId"], reject[..2]);
        Assert.Contains("duplicate id 'd1' (first on line 3", reject[2]);
        Assert.Equal("First", (await ingest.ProductsAsync()).Single(p => p.ExternalId == "d1").Title);
    }

    [Fact]
    public async Task Line_numbers_are_physical_lines_where_the_record_starts()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv",
            Header + "m1,\"Two\nline title\",1,red\r\nm2,\"Three\n\nlines\",2,red\nm3,x,oops,red\n");

        var result = await ingest.IngestAsync(feed);

        Assert.Equal(["7", "price"], Assert.Single(IngestFixture.ReadRejects(result))[..2]);
        Assert.Equal("Three\n\nlines", (await ingest.ProductsAsync()).Single(p => p.ExternalId == "m2").Title);
    }

    [Fact]
    public async Task Quote_that_never_closes_rejects_its_line_and_the_rows_after_it_land()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv", Header + Before + "q1,\"Open quote,1,red\n" + After + "a10,Last,3,green\n");

        var result = await ingest.IngestAsync(feed);

        var reject = Assert.Single(IngestFixture.ReadRejects(result));
        Assert.Equal("3", reject[0]);
        Assert.Contains("quote", reject[2]);
        Assert.Equal(["a1", "a10", "a9"], (await ingest.ProductsAsync()).Select(p => p.ExternalId));
    }

    [Fact]
    public async Task Stray_quote_that_closes_rows_later_rejects_only_its_line()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write("feed.csv",
            Header + Before + "s1,\"Stray,1,red\n" + After + "s2,\"Quoted, fine\",4,grey\n");

        var result = await ingest.IngestAsync(feed);

        Assert.Equal("3", Assert.Single(IngestFixture.ReadRejects(result))[0]);
        Assert.Equal(["a1", "a9", "s2"], (await ingest.ProductsAsync()).Select(p => p.ExternalId));
    }

    [Fact]
    public async Task Summary_keeps_the_first_rejects_and_the_file_every_one()
    {
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var bad = string.Concat(Enumerable.Range(0, 25).Select(i => $"x{i},t,bad,red\n"));
        var feed = ingest.Feeds.Write("feed.csv", Header + bad + Before);

        var result = await ingest.IngestAsync(feed);

        Assert.Equal(25, result.Rejected);
        Assert.Equal(26, result.Read);
        Assert.Equal(10, result.FirstRejects.Count);
        Assert.Equal(25, IngestFixture.ReadRejects(result).Count);
        Assert.Equal(ingest.Feeds.Path("feed.csv.rejects.csv"), result.RejectFile);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

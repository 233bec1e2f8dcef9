using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Catalog.Ingest;

/// <summary>
/// A record past 1 MiB (a huge title, an endless line) is rejected with its line and the reason, without the reader
/// holding an endless line whole, and the rows after it land.
/// </summary>
public sealed class HugeRecordTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string TooLong = "at most 1,048,576 per record", Endless = "passes 1,048,576 bytes without ending";

    // Named cases: the feeds themselves are megabytes, too long for a test's name.
    public static TheoryData<string> Cases => ["csv 1.5 MiB quoted title", "jsonl 1.5 MiB title", "csv 3 MiB line", "tsv 3 MiB line", "jsonl 3 MiB line"];

    private static (string Name, string Content, string Reason) Feed(string @case)
    {
        var (format, size) = (@case.Split(' ')[0], @case.Contains("1.5") ? 3 << 19 : 3 << 20);
        var (title, reason) = (new string('x', size), size > 2 << 20 ? Endless : TooLong);
        return format switch
        {
            "csv" when size < 2 << 20 => ("feed.csv", "id,title\na1,Before\nh1,\"" + title + "\"\na9,After\n", reason),
            "csv" => ("feed.csv", "id,title\na1,Before\nh1," + title + "\na9,After\n", reason),
            "tsv" => ("feed.tsv", "id\ttitle\na1\tBefore\nh1\t" + title + "\na9\tAfter\n", reason),
            _ => ("feed.jsonl", "{\"id\":\"a1\"}\n{\"id\":\"h1\",\"title\":\"" + title + "\"}\n{\"id\":\"a9\"}\n", reason),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_record_past_one_mebibyte_is_rejected_and_the_rows_after_it_land(string @case)
    {
        var (name, content, reason) = Feed(@case);
        await using var db = database.Open();
        await using var ingest = await IngestFixture.CreateAsync(db);
        var feed = ingest.Feeds.Write(name, content);

        var result = await ingest.IngestAsync(feed);

        var reject = Assert.Single(IngestFixture.ReadRejects(result));
        Assert.Equal([name.EndsWith(".jsonl") ? "2" : "3", "(row)"], reject[..2]); // the line after the header, if any
        Assert.Contains(reason, reject[2]);
        Assert.True(reject[3].Length < 300, $"the reject file keeps an excerpt, not {reject[3].Length:N0} characters");
        Assert.Equal(["a1", "a9"], (await ingest.ProductsAsync()).Select(p => p.ExternalId));
        Assert.Equal((3L, 2, 1), (result.Read, result.Inserted, result.Rejected));
    }
}

using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Ingests a generated CSV feed through the real path (parse, map, hash, COPY to staging, merge) and, beside
/// it, binary-COPYs the same rows into a bare table: the ceiling any ingest could reach.
/// </summary>
internal static class IngestBenchmark
{
    private const string Columns = "external_id, merchant, title, description, brand, price, currency, image_ref, feed_category, attributes";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        int rows = Option(args, "--rows", 100_000), repeat = Option(args, "--repeat", 3);
        var feed = new SyntheticFeed(rows);
        var folder = Directory.CreateTempSubdirectory("productclassifier-bench-feed-");
        var path = Path.Combine(folder.FullName, "feed.csv");
        feed.WriteCsv(path);
        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        var table = "bench_copy_" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"ingest benchmark: {rows:N0} rows, CSV {new FileInfo(path).Length / 1e6:F1} MB, {repeat} runs (median)");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; database: {database.Description}");
        await database.ExecuteAsync($"CREATE TABLE {table} (external_id text, merchant text, title text, description text, brand text, " +
            "price numeric(14,2), currency text, image_ref text, feed_category text, attributes jsonb)", ct);
        try
        {
            List<double> copy = [], ingest = [], again = [];
            for (var run = 0; run < repeat; run++)
            {
                await database.ExecuteAsync($"TRUNCATE {table}", ct);
                copy.Add(await CopyAsync(database, table, feed, ct));
                var (first, second) = await IngestAsync(database, path, rows, ct);
                ingest.Add(first);
                again.Add(second);
                await database.ExecuteAsync($"VACUUM ANALYZE products, {table}", ct);
            }
            double copyRate = rows / Median(copy), ingestRate = rows / Median(ingest), againRate = rows / Median(again);
            Console.WriteLine($"raw binary COPY into a bare table : {copyRate,10:N0} rows/s ({Median(copy):F2} s)");
            Console.WriteLine($"ingest, new products               : {ingestRate,10:N0} rows/s ({Median(ingest):F2} s)  = {ingestRate / copyRate:F2}x COPY");
            Console.WriteLine($"re-ingest, nothing changed         : {againRate,10:N0} rows/s ({Median(again):F2} s)  = {againRate / copyRate:F2}x COPY");
            return 0;
        }
        finally
        {
            await database.ExecuteAsync($"DROP TABLE IF EXISTS {table}", CancellationToken.None);
            folder.Delete(recursive: true);
        }
    }

    private static async Task<double> CopyAsync(BenchmarkDatabase database, string table, SyntheticFeed feed, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var clock = Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in feed.Rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(r.Id, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Merchant, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Title, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Description, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Brand, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Price, NpgsqlDbType.Numeric, ct);
                await importer.WriteAsync(r.Currency, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Image, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Category, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(r.Attributes, NpgsqlDbType.Jsonb, ct);
            }
            await importer.CompleteAsync(ct);
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Seconds for a first ingest (all new) and a second one of the same feed (all unchanged).</summary>
    private static async Task<(double First, double Again)> IngestAsync(BenchmarkDatabase database, string path, int rows, CancellationToken ct)
    {
        await using var db = ClassifierDbOptions.Create(ClassifierDbOptions.ForBulkWork(database.ConnectionString));
        var name = "bench-ingest-" + Guid.NewGuid().ToString("N")[..8];
        var catalogue = await CatalogueStore.GetOrCreateAsync(db, name, ct);
        try
        {
            var ingester = new FeedIngester(db);
            var request = new IngestRequest("bench", path);
            var clock = Stopwatch.StartNew();
            var first = await ingester.IngestAsync(catalogue, request, ct: ct);
            var firstSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var again = await ingester.IngestAsync(catalogue, request, ct: ct);
            var againSeconds = clock.Elapsed.TotalSeconds;
            if (first.Inserted != rows || again.Unchanged != rows)
                throw new InvalidOperationException($"expected {rows} inserted then unchanged, got {first} then {again}");
            return (firstSeconds, againSeconds);
        }
        finally
        {
            await CatalogueStore.DeleteAsync(db, name, CancellationToken.None);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
    }
}

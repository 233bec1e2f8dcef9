using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Core.Catalog.Ingest;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// Ingests a generated CSV feed through the real path (parse, map, hash, COPY to staging, merge) and, beside
/// it, binary-COPYs the same rows, already in memory, into a bare table: the ceiling any ingest could reach. A
/// third line COPYs them into a table shaped like products (its indexes and foreign key): what the table itself costs.
/// </summary>
internal static class IngestBenchmark
{
    private const string Columns = "external_id, merchant, title, description, brand, price, currency, image_ref, feed_category, attributes";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        int rows = Option(args, "--rows", 100_000), repeat = Option(args, "--repeat", 3);
        var folder = Directory.CreateTempSubdirectory("productclassifier-bench-feed-");
        await using var database = await BenchmarkDatabase.OpenAsync(ct);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (table, indexed) = ("bench_copy_" + suffix, "bench_indexed_" + suffix);
        await database.ExecuteAsync($"CREATE TABLE {table} (external_id text, merchant text, title text, description text, brand text, " +
            "price numeric(14,2), currency text, image_ref text, feed_category text, attributes jsonb)", ct);
        await database.ExecuteAsync($"CREATE TABLE {indexed} (LIKE products INCLUDING ALL); " +
            $"ALTER TABLE {indexed} ADD FOREIGN KEY (catalogue_id) REFERENCES catalogues (id) ON DELETE CASCADE; " +
            $"INSERT INTO catalogues (name, created_at, touched_at) VALUES ('{indexed}', now(), now())", ct);
        try
        {
            var tables = new[] { table, indexed };
            await RunOnceAsync(database, tables, new SyntheticFeed(2_000), folder, ct); // warm-up: JIT, caches
            var feed = new SyntheticFeed(rows);
            Console.WriteLine($"ingest benchmark: {rows:N0} rows, {repeat} runs (median), database: {database.Description}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
            var runs = new List<Measurement[]>();
            for (var run = 0; run < repeat; run++) runs.Add(await RunOnceAsync(database, tables, feed, folder, ct));
            var baseline = Measurement.Median([.. runs.Select(r => r[0])]);
            Console.WriteLine($"{"",-40}{"rows/s",10}{"wall s",9}{"client cpu s",14}{"server cpu s",14}{"vs COPY",9}");
            Print("raw binary COPY into a bare table", baseline, baseline, rows);
            Print("binary COPY into a products-like table", Measurement.Median([.. runs.Select(r => r[1])]), baseline, rows);
            Print("ingest, all products new", Measurement.Median([.. runs.Select(r => r[2])]), baseline, rows);
            Print("re-ingest, nothing changed", Measurement.Median([.. runs.Select(r => r[3])]), baseline, rows);
            Console.WriteLine($"load average after: {LoadAverage()}");
            return 0;
        }
        finally
        {
            await database.ExecuteAsync($"DROP TABLE IF EXISTS {table}, {indexed}; DELETE FROM catalogues WHERE name = '{indexed}'", CancellationToken.None);
            folder.Delete(recursive: true);
        }
    }

    /// <summary>COPY into the bare table, COPY into the indexed one, ingest, re-ingest.</summary>
    private static async Task<Measurement[]> RunOnceAsync(BenchmarkDatabase database, string[] tables, SyntheticFeed feed,
        DirectoryInfo folder, CancellationToken ct)
    {
        var path = Path.Combine(folder.FullName, $"feed-{feed.Rows.Length}.csv");
        if (!File.Exists(path)) feed.WriteCsv(path);
        await database.ExecuteAsync($"TRUNCATE {tables[0]}, {tables[1]}", ct);
        var copy = await CopyAsync(database, tables[0], feed, indexed: false, ct);
        var copyIndexed = await CopyAsync(database, tables[1], feed, indexed: true, ct);
        var (ingest, again) = await IngestAsync(database, path, feed.Rows.Length, ct);
        await database.ExecuteAsync($"VACUUM ANALYZE products, {tables[0]}, {tables[1]}", ct);
        return [copy, copyIndexed, ingest, again];
    }

    private static async Task<Measurement> CopyAsync(BenchmarkDatabase database, string table, SyntheticFeed feed, bool indexed, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var catalogueId = 0;
        if (indexed)
        {
            await using var find = new NpgsqlCommand($"SELECT id FROM catalogues WHERE name = '{table}'", connection);
            catalogueId = (int)(await find.ExecuteScalarAsync(ct))!;
        }
        var columns = indexed ? $"catalogue_id, source, {Columns}, content_hash, first_seen, last_seen" : Columns;
        var now = DateTime.UtcNow;
        return await Measurement.TakeAsync(connection, async () =>
        {
            await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var r in feed.Rows)
            {
                await importer.StartRowAsync(ct);
                if (indexed)
                {
                    await importer.WriteAsync(catalogueId, NpgsqlDbType.Integer, ct);
                    await importer.WriteAsync("bench", NpgsqlDbType.Text, ct);
                }
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
                if (!indexed) continue;
                await importer.WriteAsync(r.Id, NpgsqlDbType.Text, ct); // a stand-in content hash
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await importer.CompleteAsync(ct);
        }, ct);
    }

    /// <summary>A first ingest (all new) and a second one of the same feed (all unchanged), into a fresh catalogue.</summary>
    private static async Task<(Measurement First, Measurement Again)> IngestAsync(BenchmarkDatabase database, string path, int rows, CancellationToken ct)
    {
        await using var db = ClassifierDbOptions.Create(ClassifierDbOptions.ForBulkWork(database.ConnectionString));
        var name = "bench-ingest-" + Guid.NewGuid().ToString("N")[..8];
        var catalogue = await CatalogueStore.GetOrCreateAsync(db, name, ct);
        var ingester = new FeedIngester(db);
        var request = new IngestRequest("bench", path);
        await db.Database.OpenConnectionAsync(ct); // one backend for both runs, so its CPU time can be read
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            IngestResult? first = null, again = null;
            var firstRun = await Measurement.TakeAsync(connection, async () => first = await ingester.IngestAsync(catalogue, request, ct: ct), ct);
            var againRun = await Measurement.TakeAsync(connection, async () => again = await ingester.IngestAsync(catalogue, request, ct: ct), ct);
            if (first!.Inserted != rows || again!.Unchanged != rows)
                throw new InvalidOperationException($"expected {rows} inserted then unchanged, got {first} then {again}");
            return (firstRun, againRun);
        }
        finally
        {
            await CatalogueStore.DeleteAsync(db, name, CancellationToken.None);
        }
    }

    private static void Print(string label, Measurement m, Measurement baseline, int rows) =>
        Console.WriteLine($"{label,-40}{rows / m.Wall,10:N0}{m.Wall,9:F2}{m.ClientCpu,14:F2}{(m.ServerCpu is { } s ? s.ToString("F2") : "n/a"),14}{baseline.Wall / m.Wall,8:F2}x");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
    }
}

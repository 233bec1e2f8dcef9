using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc db start|stop|status|migrate</c>: the local PostgreSQL cluster, and the schema of any database.</summary>
internal static class DbCommands
{
    public static Command Create()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Cluster folder (default: .data/postgres)" };
        var port = new Option<int>("--port") { Description = "Loopback port (0: any free one)", DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable(LocalPostgres.PortVariable), out var p) ? p : LocalPostgres.DefaultPort };
        var throwaway = new Option<bool>("--throwaway") { Description = "Test cluster: no fsync; `stop --destroy` removes it" };
        var destroy = new Option<bool>("--destroy") { Description = "Delete the cluster's files after stopping it" };

        LocalPostgres Cluster(ParseResult p) => new(
            p.GetValue(dataDir) ?? Path.Combine(ProjectRoot.Find(), ".data", "postgres"),
            p.GetValue(port) == 0 ? LocalPostgres.FreePort() : p.GetValue(port), p.GetValue(throwaway));

        var start = new Command("start", "Create the local cluster when missing and start it; prints its connection string")
            { dataDir, port, throwaway };
        start.SetAction(async (p, ct) =>
        {
            var cluster = Cluster(p);
            var connectionString = await cluster.EnsureStartedAsync(ct);
            if (cluster.RelocatedFrom is not null)
                Console.Error.WriteLine($"The postgres user cannot reach {cluster.RelocatedFrom}; the cluster lives in {cluster.DataDir}.");
            await DatabaseLocator.MigrateAsync(connectionString, ct);
            Console.WriteLine(connectionString);
        });

        var stop = new Command("stop", "Stop the local cluster") { dataDir, port, destroy };
        stop.SetAction(p =>
        {
            var cluster = Cluster(p);
            if (p.GetValue(destroy)) cluster.Destroy(); else cluster.Stop();
            Console.WriteLine($"stopped {cluster.DataDir}");
        });

        var status = new Command("status", "Say whether the local cluster runs") { dataDir, port };
        status.SetAction(p =>
        {
            var cluster = Cluster(p);
            Console.WriteLine(cluster.IsRunning ? $"running on port {cluster.Port} ({cluster.DataDir})" : $"stopped ({cluster.DataDir})");
            return cluster.IsRunning ? 0 : 3;
        });

        var migrate = new Command("migrate", "Apply the schema migrations to the database (ConnectionStrings__Postgres, else the local cluster), once, before the app's replicas start");
        migrate.SetAction(async (_, ct) =>
        {
            var connectionString = await DatabaseLocator.ResolveAsync(CliHost.Configuration, CliHost.Info, ct);
            await using var db = ClassifierDbOptions.Create(connectionString);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            Console.WriteLine(pending.Count == 0 ? "the schema was current" : $"applied {pending.Count} migrations (the last: {pending[^1]})");
        });

        return new Command("db", "The database: the local PostgreSQL cluster used when no ConnectionStrings__Postgres is set, and its migrations")
            { start, stop, status, migrate };
    }
}

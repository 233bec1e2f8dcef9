using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Training.Worker;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc worker</c>: runs jobs from the queue; <c>./pc worker health</c>: whether it does.</summary>
internal static class WorkerCommands
{
    public static Command Create()
    {
        var id = new Option<string?>("--id") { Description = "Worker id (default: host-pid)" };
        var kinds = new Option<string?>("--kinds") { Description = "Comma-separated job kinds to take (default: all)" };
        var command = new Command("worker", "Run jobs from the Postgres queue until stopped; start any number, on any machine that reaches the database")
            { id, kinds, Health() };
        command.SetAction(async (p, ct) =>
        {
            var connectionString = await CliHost.ConnectionStringAsync(ct);
            using var host = WorkerHost.Build(connectionString, CliHost.Configuration, o =>
            {
                if (p.GetValue(id) is { Length: > 0 } workerId) o.WorkerId = workerId;
                if (p.GetValue(kinds) is { Length: > 0 } list) o.Kinds = CliHost.List(list);
            });
            await host.RunAsync(ct);
        });
        return command;
    }

    /// <summary><c>pc worker health</c>: a container's health check of the worker beside it, by its heartbeat file.</summary>
    private static Command Health()
    {
        var maxAge = new Option<TimeSpan?>("--max-age") { Description = "Oldest heartbeat that still counts (default: Worker:StaleAfterSeconds)" };
        var command = new Command("health", "Exit 0 when this machine's worker wrote its heartbeat file (Worker:HeartbeatFile) recently, else 1") { maxAge };
        command.SetAction(p =>
        {
            var options = CliHost.Configuration.GetSection("Worker").Get<WorkerOptions>() ?? new WorkerOptions();
            var (fresh, report) = WorkerHeartbeat.Check(options.HeartbeatFile, p.GetValue(maxAge) ?? TimeSpan.FromSeconds(options.StaleAfterSeconds));
            (fresh ? Console.Out : Console.Error).WriteLine(report);
            return fresh ? 0 : 1;
        });
        return command;
    }
}

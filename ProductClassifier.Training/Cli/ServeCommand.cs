using System.CommandLine;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Training.Serving;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc serve</c>: the classify API.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5001" };
        var command = new Command("serve", "Serve the classify API (POST /api/classify, OpenAPI at /openapi/v1.json) with the active models") { urls };
        command.SetAction(async (p, ct) =>
        {
            var app = ServeHost.Build(await CliHost.ConnectionStringAsync(ct), CliHost.Configuration, p.GetValue(urls)!);
            await app.StartAsync(ct);
            Console.WriteLine($"classify API on {p.GetValue(urls)} (POST /api/classify, OpenAPI at /openapi/v1.json)");
            await app.WaitForShutdownAsync(ct);
        });
        return command;
    }
}

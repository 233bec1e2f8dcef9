using System.CommandLine;
using Microsoft.Extensions.Hosting;
using ProductClassifier.Core.Access;
using ProductClassifier.Training.Serving;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc serve</c> (the classify API) and <c>./pc apikeys create</c>.</summary>
internal static class ServeCommands
{
    public static IEnumerable<Command> Create() => [Serve(), ApiKeysCommand()];

    private static Command Serve()
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

    private static Command ApiKeysCommand()
    {
        var name = new Argument<string>("NAME") { Description = "Who or what the key is for" };
        var role = new Option<string>("--role")
        {
            Description = $"{string.Join(", ", Roles.ForKeys)} ({Roles.Classifier}: the classify API only)",
            DefaultValueFactory = _ => Roles.Labeller,
        };
        var expires = new Option<string>("--expires")
        {
            Description = "How long the key works: 12h, 30d, 2w, 1y, or never",
            DefaultValueFactory = _ => "90d",
        };
        var create = new Command("create", "Issue an API key; it is printed once and only its hash is stored") { name, role, expires };
        create.SetAction(async (p, ct) =>
        {
            var lifetime = ApiKeyLifetime.Parse(p.GetValue(expires));
            await using var db = await CliHost.OpenAsync(ct);
            var (key, secret) = await new ApiKeys(db).IssueAsync(p.GetValue(name)!, p.GetValue(role)!, lifetime, ct);
            Console.WriteLine(secret);
            var expiry = key.ExpiresAt is { } at ? $"expires {at:yyyy-MM-dd HH:mm} UTC" : "never expires";
            CliHost.Info($"API key '{key.Name}' ({key.Role}, {expiry}) issued; send it as {ApiKeys.Header}.");
        });
        return new Command("apikeys", "API keys for the HTTP APIs") { create };
    }
}

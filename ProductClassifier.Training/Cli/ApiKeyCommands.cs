using System.CommandLine;
using ProductClassifier.Core.Access;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc apikeys create</c>: keys for the HTTP APIs.</summary>
internal static class ApiKeyCommands
{
    public static Command Create()
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
        create.SetAction(CliHost.WithDatabase(p => ApiKeyLifetime.Parse(p.GetValue(expires)), async (p, lifetime, db, ct) =>
        {
            var (key, secret) = await new ApiKeys(db).IssueAsync(p.GetValue(name)!, p.GetValue(role)!, lifetime, ct);
            Console.WriteLine(secret);
            var expiry = key.ExpiresAt is { } at ? $"expires {at:yyyy-MM-dd HH:mm} UTC" : "never expires";
            CliHost.Info($"API key '{key.Name}' ({key.Role}, {expiry}) issued; send it as {ApiKeys.Header}.");
        }));
        return new Command("apikeys", "API keys for the HTTP APIs") { create };
    }
}

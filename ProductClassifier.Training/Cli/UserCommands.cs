using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Training.Cli;

/// <summary><c>./pc users add|list|set-roles|reset-password|disable|enable|demo</c>: the people who sign in to the web app.</summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var users = new Command("users", "Accounts of the web app and their roles") { Add(), List(), SetRoles(), ResetPassword(), Disable(), Enable(), Demo() };
        return users;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "User name to sign in with" };
        var role = new Option<string>("--role") { Description = string.Join(", ", Roles.All), DefaultValueFactory = _ => Roles.Labeller };
        var password = new Option<string?>("--password") { Description = "At least 10 characters (default: a generated passphrase, printed once)" };
        var command = new Command("add", "Create a user with a role") { name, role, password };
        command.SetAction(async (p, ct) =>
        {
            var secret = await WithAccountsAsync(a => a.CreateAsync(p.GetValue(name)!, p.GetValue(role)!, p.GetValue(password)), ct);
            Console.WriteLine($"{p.GetValue(name)} ({p.GetValue(role)}) password: {secret}");
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Users and their roles");
        command.SetAction(async (_, ct) =>
        {
            foreach (var account in await WithAccountsAsync(a => a.ListAsync(ct), ct))
                Console.WriteLine($"{account.UserName,-24} {string.Join(",", account.Roles)}{(account.Disabled ? " (disabled)" : "")}");
        });
        return command;
    }

    private static Command SetRoles()
    {
        var name = new Argument<string>("NAME");
        var roles = new Argument<string[]>("ROLE") { Description = string.Join(", ", Roles.All), Arity = ArgumentArity.OneOrMore };
        var command = new Command("set-roles", "Replace a user's roles") { name, roles };
        command.SetAction(async (p, ct) => await WithAccountsAsync(async a =>
        {
            await a.SetRolesAsync(p.GetValue(name)!, p.GetValue(roles)!);
            return 0;
        }, ct));
        return command;
    }

    private static Command ResetPassword()
    {
        var name = new Argument<string>("NAME");
        var password = new Option<string?>("--password") { Description = "The new password (default: a generated passphrase)" };
        var command = new Command("reset-password", "Set a user's password") { name, password };
        command.SetAction(async (p, ct) =>
            Console.WriteLine($"{p.GetValue(name)} password: {await WithAccountsAsync(a => a.ResetPasswordAsync(p.GetValue(name)!, p.GetValue(password)), ct)}"));
        return command;
    }

    private static Command Disable() =>
        AccountChange("disable", "Stop a user signing in; their open pages and connections are signed out within seconds",
            (accounts, name) => accounts.DisableAsync(name), name => $"{name} is disabled (./pc users enable {name} undoes it).");

    private static Command Enable() =>
        AccountChange("enable", "Let a disabled user sign in again, with the password and roles they had",
            (accounts, name) => accounts.EnableAsync(name), name => $"{name} may sign in again.");

    /// <summary>A verb that changes one user's account, then says what it did.</summary>
    private static Command AccountChange(string verb, string description, Func<UserAccounts, string, Task> change, Func<string, string> done)
    {
        var name = new Argument<string>("NAME");
        var command = new Command(verb, description) { name };
        command.SetAction(async (p, ct) =>
        {
            await WithAccountsAsync(async a => { await change(a, p.GetValue(name)!); return 0; }, ct);
            CliHost.Info(done(p.GetValue(name)!));
        });
        return command;
    }

    private static Command Demo()
    {
        var command = new Command("demo", "One account per role (labeller, scientist, admin) when the database has no users yet");
        command.SetAction(async (_, ct) =>
        {
            var created = await WithAccountsAsync(a => a.SeedDemoAccountsAsync(ct), ct);
            if (created.Count == 0) CliHost.Info("users exist already: no demo accounts created (./pc users list).");
            foreach (var (user, role, password) in created) Console.WriteLine($"{role,-14} user {user,-10} password {password}");
        });
        return command;
    }

    private static async Task<T> WithAccountsAsync<T>(Func<UserAccounts, Task<T>> action, CancellationToken ct)
    {
        var connectionString = await CliHost.ConnectionStringAsync(ct);
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<ClassifierDb>(o => ClassifierDbOptions.Configure(o, connectionString));
        services.AddClassifierIdentityCore();
        services.AddScoped<UserAccounts>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }
}

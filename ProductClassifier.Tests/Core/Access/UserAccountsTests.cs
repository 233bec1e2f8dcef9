using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Access;

public sealed class UserAccountsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>The accounts service as <c>./pc users</c> builds it, on the test's database.</summary>
    private Task<T> WithAccountsAsync<T>(Func<UserAccounts, UserManager<IdentityUser>, Task<T>> action) => WithAccountsAsync(database, action);

    internal static async Task<T> WithAccountsAsync<T>(TestDatabase database, Func<UserAccounts, UserManager<IdentityUser>, Task<T>> action)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<ClassifierDb>(o => ClassifierDbOptions.Configure(o, database.ConnectionString));
        services.AddClassifierIdentityCore();
        services.AddScoped<UserAccounts>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAccounts>(), scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    internal static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private Task<string?> StampAsync(string userName) =>
        WithAccountsAsync(async (_, users) => (await users.FindByNameAsync(userName))!.SecurityStamp);

    [Fact]
    public async Task Disabling_keeps_the_account_from_signing_in_and_ends_its_sessions_and_enabling_restores_it()
    {
        var name = NewName("dis");
        var password = await WithAccountsAsync((a, _) => a.CreateAsync(name, Roles.Labeller));
        var stamp = await StampAsync(name);

        await WithAccountsAsync(async (a, _) => { await a.DisableAsync(name); return 0; });

        Assert.NotEqual(stamp, await StampAsync(name)); // open sessions see a new stamp and end
        Assert.True(await WithAccountsAsync(async (a, users) =>
            (await a.ListAsync()).Single(x => x.UserName == name).Disabled && await users.IsLockedOutAsync((await users.FindByNameAsync(name))!)));

        await WithAccountsAsync(async (a, _) => { await a.EnableAsync(name); return 0; });

        var (disabled, passwordWorks) = await WithAccountsAsync(async (a, users) =>
        {
            var user = (await users.FindByNameAsync(name))!;
            return ((await a.ListAsync()).Single(x => x.UserName == name).Disabled, await users.CheckPasswordAsync(user, password));
        });
        Assert.False(disabled);
        Assert.True(passwordWorks);
    }

    [Fact]
    public async Task A_role_change_gives_the_account_a_new_security_stamp()
    {
        var name = NewName("role");
        await WithAccountsAsync((a, _) => a.CreateAsync(name, Roles.Admin));
        await WithAccountsAsync((a, _) => a.CreateAsync(NewName("other"), Roles.Admin));
        var stamp = await StampAsync(name);

        await WithAccountsAsync(async (a, _) => { await a.SetRolesAsync(name, [Roles.Labeller]); return 0; });

        Assert.NotEqual(stamp, await StampAsync(name));
        Assert.Equal([Roles.Labeller], await WithAccountsAsync(async (a, _) => (await a.ListAsync()).Single(x => x.UserName == name).Roles));
    }
}

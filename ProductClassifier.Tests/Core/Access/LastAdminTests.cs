using ProductClassifier.Core;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Access;

/// <summary>A class (and so a database) of its own: any other test's admin would count as another admin.</summary>
public sealed class LastAdminTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_only_enabled_admin_can_be_neither_disabled_nor_demoted()
    {
        var (first, second) = (UserAccountsTests.NewName("adm"), UserAccountsTests.NewName("adm"));
        await UserAccountsTests.WithAccountsAsync(database, (a, _) => a.CreateAsync(first, Roles.Admin));
        await UserAccountsTests.WithAccountsAsync(database, (a, _) => a.CreateAsync(second, Roles.Admin));

        await UserAccountsTests.WithAccountsAsync(database, async (a, _) => { await a.DisableAsync(second); return 0; });
        var disable = await Assert.ThrowsAsync<UserFacingException>(() =>
            UserAccountsTests.WithAccountsAsync(database, async (a, _) => { await a.DisableAsync(first); return 0; }));
        var demote = await Assert.ThrowsAsync<UserFacingException>(() =>
            UserAccountsTests.WithAccountsAsync(database, async (a, _) => { await a.SetRolesAsync(first, [Roles.Labeller]); return 0; }));

        Assert.Contains("only enabled admin", disable.Message);
        Assert.Contains("only enabled admin", demote.Message);
        var accounts = await UserAccountsTests.WithAccountsAsync(database, (a, _) => a.ListAsync());
        Assert.False(accounts.Single(x => x.UserName == first).Disabled);
        Assert.Equal([Roles.Admin], accounts.Single(x => x.UserName == first).Roles);
    }
}

using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Core.Access;

public sealed class ApiKeysTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_key_works_until_it_expires_or_is_revoked()
    {
        await using var db = database.Open();
        var keys = new ApiKeys(db);
        var (lasting, lastingSecret) = await keys.IssueAsync("notebook", Roles.DataScientist);
        var (expiring, expiringSecret) = await keys.IssueAsync("shop", Roles.Classifier, TimeSpan.FromDays(30));
        var (revoked, revokedSecret) = await keys.IssueAsync("old", Roles.Labeller, TimeSpan.FromDays(30));

        Assert.Null(lasting.ExpiresAt);
        Assert.InRange(expiring.ExpiresAt!.Value - expiring.CreatedAt, TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        Assert.Equal(expiring.Id, (await keys.FindAsync(expiringSecret))?.Id);

        await db.ApiKeys.Where(k => k.Id == expiring.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        await db.ApiKeys.Where(k => k.Id == revoked.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow));

        Assert.Equal(lasting.Id, (await keys.FindAsync(lastingSecret))?.Id);
        Assert.Null(await keys.FindAsync(expiringSecret));
        Assert.Null(await keys.FindAsync(revokedSecret));
        Assert.True(await keys.IsUsableAsync(lasting.Id));
        Assert.False(await keys.IsUsableAsync(expiring.Id));
        Assert.False(await keys.IsUsableAsync(revoked.Id));
    }

    [Fact]
    public async Task Refuses_an_unknown_role_and_a_lifetime_that_is_not_positive()
    {
        await using var db = database.Open();

        await Assert.ThrowsAsync<UserFacingException>(() => new ApiKeys(db).IssueAsync("x", "Owner"));
        await Assert.ThrowsAsync<UserFacingException>(() => new ApiKeys(db).IssueAsync("x", Roles.Labeller, TimeSpan.Zero));
        Assert.False(await db.ApiKeys.AnyAsync(k => k.Name == "x"));
    }

    [Theory]
    [InlineData("30d", 30 * 24.0)]
    [InlineData("12h", 12.0)]
    [InlineData("2w", 14 * 24.0)]
    [InlineData("1y", 365 * 24.0)]
    [InlineData(" 7D ", 7 * 24.0)]
    public void Lifetimes_read_as_people_write_them(string text, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), ApiKeyLifetime.Parse(text));

    [Theory]
    [InlineData("never")]
    [InlineData("")]
    [InlineData(null)]
    public void Never_means_no_expiry(string? text) => Assert.Null(ApiKeyLifetime.Parse(text));

    [Theory]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-3d")]
    [InlineData("3 months")]
    public void Other_lifetimes_are_refused_with_the_notation(string text) =>
        Assert.Contains("e.g. 30d", Assert.Throws<UserFacingException>(() => ApiKeyLifetime.Parse(text)).Message);
}

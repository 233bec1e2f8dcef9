using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using ProductClassifier.Core.Data;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Access;

namespace ProductClassifier.Tests.Web.Access;

/// <summary>An open page's revalidation signs it out when the database says so, never because the database was away.</summary>
public sealed class CircuitRevalidationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CircuitRevalidation Revalidation(string connectionString)
    {
        var dbs = new ServiceCollection().AddDbContextFactory<ClassifierDb>(o => ClassifierDbOptions.Configure(o, connectionString))
            .BuildServiceProvider().GetRequiredService<IDbContextFactory<ClassifierDb>>();
        var check = new AccessCheck(dbs, Options.Create(new IdentityOptions()));
        return new CircuitRevalidation(NullLoggerFactory.Instance, check, Options.Create(new AccessOptions()));
    }

    private static ClaimsPrincipal Person(string id, string stamp)
    {
        var claims = new IdentityOptions().ClaimsIdentity;
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(claims.UserIdClaimType, id), new Claim(claims.SecurityStampClaimType, stamp), new Claim(claims.UserNameClaimType, "someone")],
            IdentityConstants.ApplicationScheme));
    }

    [Fact]
    public async Task A_page_stays_signed_in_while_the_database_is_away_and_is_signed_out_when_the_database_says_so()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = LocalPostgres.FreePort(), Timeout = 3 }.ConnectionString;
        using var away = Revalidation(nowhere);
        using var present = Revalidation(database.ConnectionString);
        var stranger = Person("no-such-user", "some-stamp");

        Assert.True(await away.StillHoldsAsync(stranger, CancellationToken.None));
        Assert.False(await present.StillHoldsAsync(stranger, CancellationToken.None));
    }
}

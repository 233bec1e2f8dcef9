using System.Net;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Access;

/// <summary>Failed sign-ins are limited per client, so guessing is slow, and nobody can lock an account out by failing its password.</summary>
public sealed class SignInLimitTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");

    public void Dispose() => _images.Delete(recursive: true);

    private WebAppFactory App() => new(database.ConnectionString, _images.FullName, new Dictionary<string, string>
    { ["Access:SignInFailuresPerClient"] = "3", ["Access:SignInWindow"] = "01:00:00" });

    private static HttpClient ClientAt(WebAppFactory app, string address)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(WebAppFactory.ClientHeader, address);
        return client;
    }

    [Fact]
    public async Task A_client_that_failed_too_often_must_wait_while_others_still_sign_in_to_the_same_account()
    {
        await using var app = App();
        var (userName, password) = await app.CreateUserAsync(Roles.Admin);
        using var attacker = ClientAt(app, "203.0.113.7");
        using var owner = ClientAt(app, "198.51.100.20");

        for (var i = 0; i < 3; i++)
            Assert.Contains("Wrong user name or password", await (await WebAppFactory.PostSignInAsync(attacker, userName, $"guess-number-{i}")).Content.ReadAsStringAsync());
        var held = await WebAppFactory.PostSignInAsync(attacker, userName, password);
        var ownerSignsIn = await WebAppFactory.PostSignInAsync(owner, userName, password);

        // Even the right password waits: otherwise the limit would tell a guesser when a guess was right.
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Contains("Too many failed sign-ins from your address", await held.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, ownerSignsIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Many_failed_passwords_never_lock_the_account()
    {
        await using var app = App();
        var (userName, password) = await app.CreateUserAsync(Roles.Admin);
        for (var i = 0; i < 12; i++)
        {
            using var guesser = ClientAt(app, $"192.0.2.{i + 1}");
            for (var j = 0; j < 2; j++) await WebAppFactory.PostSignInAsync(guesser, userName, $"wrong-{i}-{j}-password");
        }
        using var owner = ClientAt(app, "198.51.100.21");

        Assert.Equal(HttpStatusCode.Redirect, (await WebAppFactory.PostSignInAsync(owner, userName, password)).StatusCode);
    }

    [Fact]
    public async Task Successful_sign_ins_do_not_count_so_people_behind_one_address_are_not_held_up()
    {
        await using var app = App();
        for (var i = 0; i < 5; i++)
        {
            var (userName, password) = await app.CreateUserAsync(Roles.Labeller);
            using var office = ClientAt(app, "198.51.100.99");
            Assert.Equal(HttpStatusCode.Redirect, (await WebAppFactory.PostSignInAsync(office, userName, password)).StatusCode);
        }
    }

    [Fact]
    public async Task Signing_out_needs_the_forms_antiforgery_token()
    {
        await using var app = App();
        using var client = await app.SignedInClientAsync(Roles.Labeller);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/products")).StatusCode);

        var token = await WebAppFactory.FormTokenAsync(client, "/account/denied");
        var signedOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/products")).StatusCode);
    }
}

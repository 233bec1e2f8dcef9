using System.Net;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Access;

public sealed class SignInTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");

    public void Dispose() => _images.Delete(recursive: true);

    private WebAppFactory App() => new(database.ConnectionString, _images.FullName);

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        await using var app = App();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        Assert.Contains("ReturnUrl=%2Fjobs", response.Headers.Location.Query);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_cookie()
    {
        await using var app = App();
        var (userName, _) = await app.CreateUserAsync(Roles.Labeller);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await WebAppFactory.PostSignInAsync(client, userName, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/products")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        await using var app = App();
        var (userName, password) = await app.CreateUserAsync(Roles.DataScientist);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var other = app.CreateClient(new() { AllowAutoRedirect = false });

        var back = await WebAppFactory.PostSignInAsync(client, userName, password, returnUrl: "/jobs");
        var offsite = await WebAppFactory.PostSignInAsync(other, userName, password, returnUrl: "//evil.example/");

        Assert.Equal(new Uri(app.Server.BaseAddress, "/jobs"), new Uri(app.Server.BaseAddress, back.Headers.Location!));
        Assert.Equal(new Uri(app.Server.BaseAddress, "/"), new Uri(app.Server.BaseAddress, offsite.Headers.Location!));
    }

    [Theory]
    [InlineData(Roles.Labeller, "/jobs", HttpStatusCode.Redirect)]
    [InlineData(Roles.Labeller, "/admin/users", HttpStatusCode.Redirect)]
    [InlineData(Roles.DataScientist, "/admin/users", HttpStatusCode.Redirect)]
    [InlineData(Roles.Labeller, "/models", HttpStatusCode.Redirect)]
    [InlineData(Roles.Labeller, "/metrics", HttpStatusCode.Redirect)]
    [InlineData(Roles.Labeller, "/rules", HttpStatusCode.Redirect)]
    [InlineData(Roles.Labeller, "/api/models/evaluation?catalogue=demo&version=1", HttpStatusCode.Forbidden)]
    [InlineData(Roles.DataScientist, "/jobs", HttpStatusCode.OK)]
    [InlineData(Roles.DataScientist, "/models", HttpStatusCode.OK)]
    [InlineData(Roles.DataScientist, "/metrics", HttpStatusCode.OK)]
    [InlineData(Roles.DataScientist, "/rules", HttpStatusCode.OK)]
    [InlineData(Roles.Admin, "/jobs", HttpStatusCode.OK)]
    [InlineData(Roles.Admin, "/admin/users", HttpStatusCode.OK)]
    [InlineData(Roles.Labeller, "/products", HttpStatusCode.OK)]
    public async Task Each_page_checks_the_role(string role, string page, HttpStatusCode expected)
    {
        await using var app = App();
        using var client = await app.SignedInClientAsync(role);

        var response = await client.GetAsync(page);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect) Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task The_hub_answers_401_to_anonymous_and_403_to_the_wrong_role()
    {
        await using var app = App();
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        using var labeller = await app.SignedInClientAsync(Roles.Labeller);
        using var scientist = await app.SignedInClientAsync(Roles.DataScientist);
        var labellerKey = await IssueKeyAsync(Roles.Labeller);
        var scientistKey = await IssueKeyAsync(Roles.DataScientist);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Negotiate(anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Negotiate(anonymous, "pc_not-a-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Negotiate(labeller)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Negotiate(anonymous, labellerKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(scientist)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(anonymous, scientistKey)).StatusCode);
        // Browsers cannot set headers on WebSockets: the key may come as access_token.
        var byQuery = await anonymous.PostAsync($"/hubs/training/negotiate?negotiateVersion=1&access_token={scientistKey}", null);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
    }

    private async Task<string> IssueKeyAsync(string role)
    {
        await using var db = database.Open();
        return (await new ApiKeys(db).IssueAsync($"key-{role}", role)).Secret;
    }

    private static Task<HttpResponseMessage> Negotiate(HttpClient client, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/training/negotiate?negotiateVersion=1");
        if (apiKey is not null) request.Headers.Add(ApiKeys.Header, apiKey);
        return client.SendAsync(request);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Access;

/// <summary>The web app's API for programs: keys expire, and each key has a request budget of its own.</summary>
public sealed class ApiKeyAccessTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");

    public void Dispose() => _images.Delete(recursive: true);

    private WebAppFactory App() => new(database.ConnectionString, _images.FullName, new Dictionary<string, string>
    { ["Access:ApiKeyRequests"] = "3", ["Access:ApiKeyWindow"] = "01:00:00" });

    private async Task<(int Id, string Secret)> IssueKeyAsync(string role, TimeSpan? lifetime = null)
    {
        await using var db = database.Open();
        var (key, secret) = await new ApiKeys(db).IssueAsync($"key-{Guid.NewGuid():N}"[..20], role, lifetime);
        return (key.Id, secret);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null) request.Headers.Add(ApiKeys.Header, key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task An_expired_key_is_refused_by_the_api_and_the_hub()
    {
        var (id, secret) = await IssueKeyAsync(Roles.DataScientist, TimeSpan.FromDays(30));
        await using var app = App();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, "/api/products/999999999/similar", secret)).StatusCode);

        await using (var db = database.Open())
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/api/products/999999999/similar", secret)).StatusCode);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/training/negotiate?negotiateVersion=1") { Headers = { { ApiKeys.Header, secret } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(negotiate)).StatusCode);
    }

    [Fact]
    public async Task Each_key_has_its_own_request_budget_and_people_are_not_limited()
    {
        var (_, busy) = await IssueKeyAsync(Roles.Labeller);
        var (_, other) = await IssueKeyAsync(Roles.Labeller);
        await using var app = App();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var person = await app.SignedInClientAsync(Roles.Labeller);
        const string url = "/api/products/999999999/similar";

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) answers.Add((await GetAsync(client, url, busy)).StatusCode);
        var limited = await GetAsync(client, url, busy);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After"))) > 0);
        Assert.Contains("more than 3 requests", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, url, other)).StatusCode);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync(url)).StatusCode);
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.ModelVersions;
using ProductClassifier.Tests.Core.Features.Pretrained;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Training.Serving;

namespace ProductClassifier.Tests.Training.Serving;

/// <summary>
/// The classify API's door and its checks of a request, all before a model is loaded (the catalogue here has none,
/// so a request that got past them would be answered "no active model").
/// </summary>
public sealed class ClassifyRequestTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-serve-").FullName;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _catalogue = "";

    public async Task InitializeAsync()
    {
        await using (var db = database.Open()) _catalogue = (await TestCatalogue.CreateAsync(db)).Name;
        var url = $"http://127.0.0.1:{LocalPostgres.FreePort()}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ModelStore.RootKey] = Path.Combine(_folder, "models"),
            ["ClassifyApi:MaxProducts"] = "5",
            ["ClassifyApi:MaxRequestBytes"] = "200000",
            ["ClassifyApi:MaxImageBytes"] = "100000",
            ["ClassifyApi:RequestsPerKey"] = "1000",
        }).Build();
        _app = ServeHost.Build(database.ConnectionString, configuration, url);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> KeyAsync(string role, TimeSpan? lifetime = null)
    {
        await using var db = database.Open();
        return (await new ApiKeys(db).IssueAsync($"key-{Guid.NewGuid():N}"[..20], role, lifetime)).Secret;
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/classify?catalogue={_catalogue}")
        { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiKeys.Header, key ?? await KeyAsync(Roles.Classifier));
        return await _http.SendAsync(request);
    }

    /// <summary>The refusals of a 400 (or 413) problem, by JSON path.</summary>
    private static async Task<Dictionary<string, string>> ErrorsAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
    }

    [Theory]
    [InlineData("null", "$", "The body is null")]
    [InlineData("42", "$", "The body is a number")]
    [InlineData("[]", "$", "the array is empty")]
    [InlineData("{not json", "$", "not JSON")]
    [InlineData("", "$", "not JSON")]
    [InlineData("""[{"title": "a mug"}, null]""", "$[1]", "The product is null")]
    [InlineData("""[{"title": "a mug"}, "a vase"]""", "$[1]", "The product is a string")]
    [InlineData("""[{"title": "a mug"}, {"title": "a vase", "price": "cheap"}]""", "$[1].price", "could not be converted")]
    [InlineData("""{"title": "a mug", "image": "not base64!"}""", "$.image", "Not valid base64")]
    [InlineData("""[{"title": "a mug", "image": "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="}]""", "$[0].image", "Not a decodable image")]
    public async Task A_malformed_request_gets_400_naming_where(string body, string path, string message)
    {
        var errors = await ErrorsAsync(await PostAsync(body));

        Assert.Contains(message, errors[path]);
    }

    [Fact]
    public async Task Too_many_products_are_refused_before_any_is_classified()
    {
        var body = JsonSerializer.Serialize(Enumerable.Range(0, 6).Select(i => new { title = $"mug {i}" }));

        Assert.Contains("6 products in one request; at most 5", (await ErrorsAsync(await PostAsync(body)))["$"]);
    }

    [Fact]
    public async Task A_50_megapixel_image_is_refused_from_its_header_and_an_oversized_one_by_its_bytes()
    {
        var bomb = Convert.ToBase64String(TestImages.PngHeaderClaiming(7_072, 7_072));
        var heavy = Convert.ToBase64String(new byte[120_000]);

        var errors = await ErrorsAsync(await PostAsync($$"""[{"title": "ok"}, {"title": "bomb", "image": "{{bomb}}"}]"""));
        var tooHeavy = await ErrorsAsync(await PostAsync($$"""{"title": "heavy", "image": "{{heavy}}"}"""));

        Assert.Contains("7,072 × 7,072 (50.0 megapixels); at most 25 megapixels", errors["$[1].image"]);
        Assert.Single(errors);
        Assert.Contains("at most 100,000", tooHeavy["$.image"]);
    }

    [Fact]
    public async Task A_body_past_the_byte_limit_gets_413()
    {
        var body = JsonSerializer.Serialize(new { title = new string('x', 300_000) });

        Assert.Contains("the limit is 200,000", (await ErrorsAsync(await PostAsync(body), HttpStatusCode.RequestEntityTooLarge))["$"]);
    }

    [Fact]
    public async Task A_valid_request_gets_past_the_checks_to_the_catalogue()
    {
        var response = await PostAsync("""[{"title": "a mug"}, {"title": "a vase", "attributes": {"colour": "blue"}}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no active model", (await response.Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Only_keys_of_a_role_that_may_classify_get_in_and_an_expired_key_does_not()
    {
        var labeller = await PostAsync("""{"title": "a mug"}""", await KeyAsync(Roles.Labeller));
        var expiredKey = await KeyAsync(Roles.Classifier, TimeSpan.FromDays(1));
        await using (var db = database.Open())
            await db.ApiKeys.Where(k => k.ExpiresAt != null).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        var expired = await PostAsync("""{"title": "a mug"}""", expiredKey);

        Assert.Equal(HttpStatusCode.Forbidden, labeller.StatusCode);
        Assert.Contains("may not classify", await labeller.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        foreach (var role in Roles.MayClassify)
            Assert.NotEqual(HttpStatusCode.Forbidden, (await PostAsync("""{"title": "a mug"}""", await KeyAsync(role))).StatusCode);
    }
}

/// <summary>Each key's request budget: a class of its own, for a server with a small budget.</summary>
public sealed class ClassifyRateLimitTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_key_past_its_budget_gets_429_with_retry_after_and_other_keys_do_not()
    {
        string busy, other;
        await using (var db = database.Open())
        {
            busy = (await new ApiKeys(db).IssueAsync("busy", Roles.Classifier)).Secret;
            other = (await new ApiKeys(db).IssueAsync("other", Roles.Classifier)).Secret;
        }
        var url = $"http://127.0.0.1:{LocalPostgres.FreePort()}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        { ["ClassifyApi:RequestsPerKey"] = "2", ["ClassifyApi:RateWindow"] = "01:00:00" }).Build();
        await using var app = ServeHost.Build(database.ConnectionString, configuration, url);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        async Task<HttpResponseMessage> Post(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/classify") { Content = new StringContent("null", Encoding.UTF8, "application/json") };
            request.Headers.Add(ApiKeys.Header, key);
            return await http.SendAsync(request);
        }

        var answers = new[] { (await Post(busy)).StatusCode, (await Post(busy)).StatusCode };
        var limited = await Post(busy);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After"))) > 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(other)).StatusCode);
        await app.StopAsync();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Web.Catalog;

namespace ProductClassifier.Tests.Web;

/// <summary>
/// The web app on a test's own database and image folder. A Web type names the entry assembly because
/// the Training project's Program is visible to the tests as well. <paramref name="settings"/> adds configuration
/// ("Section:Key" = value), e.g. the similarity index's folder.
/// </summary>
public sealed partial class WebAppFactory(string connectionString, string imageRoot, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<ProductRow>
{
    /// <summary>The test header that says which client (IP address) a request comes from; the test server has none of its own.</summary>
    public const string ClientHeader = "X-Test-Client";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting(ImageStore.RootKey, imageRoot);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>Sets the request's remote address from <see cref="ClientHeader"/>, as a real connection would have one.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers[ClientHeader] is [{ } address]) context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>
    /// Serves the app with Kestrel on a free port, for a real browser, instead of the in-memory test server (whose
    /// <see cref="WebApplicationFactory{T}.Server"/> is then unavailable). Returns the app's address.
    /// </summary>
    public Uri ServeOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    /// <summary>A new account with <paramref name="role"/>: its user name and password.</summary>
    public async Task<(string UserName, string Password)> CreateUserAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        return (userName, await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(userName, role));
    }

    /// <summary>A client that does not follow redirects, signed in through the real sign-in form as a new user with <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var (userName, password) = await CreateUserAsync(role);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await PostSignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in as {role} failed: {response.StatusCode}");
        return client;
    }

    /// <summary>Fills and posts the sign-in form as a browser would (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var form = await client.GetStringAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The HTML the server renders for a page (Blazor's prerender, before any circuit starts), signed in with <paramref name="role"/>.</summary>
    public async Task<string> GetHtmlAsync(string url, string role = Roles.Labeller)
    {
        using var client = await SignedInClientAsync(role);
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The antiforgery token of the form on <paramref name="url"/>, as the client's browser would post it.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string url) =>
        AntiforgeryToken().Match(await client.GetStringAsync(url)).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

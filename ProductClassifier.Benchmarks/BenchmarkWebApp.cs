using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Catalog;
using ProductClassifier.Web.Catalog;

namespace ProductClassifier.Benchmarks;

/// <summary>
/// The web app, built by its own Program as <c>./run</c> starts it, served by Kestrel on a free port of 127.0.0.1 in
/// this process (so the benchmark can read the server's metrics), on the given database and image folder. A Web type
/// names the entry assembly because the Training project's Program is visible here as well.
/// </summary>
internal sealed class BenchmarkWebApp(string connectionString, string imageRoot, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<ProductRow>
{
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts the server: its address is then <see cref="Address"/>.</summary>
    public BenchmarkWebApp Start()
    {
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static assets of an unpublished build (MudBlazor's, Blazor's) in every configuration.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting(ImageStore.RootKey, imageRoot);
        // The benchmark prints its own figures; the server says only what went wrong.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }

    /// <summary>An account named <paramref name="userName"/> with <paramref name="role"/>, created or given a new password; returns the password.</summary>
    public async Task<string> CreateUserAsync(string userName, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        if ((await accounts.ListAsync()).All(a => a.UserName != userName)) return await accounts.CreateAsync(userName, role);
        await accounts.SetRolesAsync(userName, [role]);
        return await accounts.ResetPasswordAsync(userName);
    }
}

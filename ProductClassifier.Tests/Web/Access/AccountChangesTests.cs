using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Web.Access;

/// <summary>An admin's change to an account reaches the sessions it has open: cookies and open pages (Blazor circuits).</summary>
public sealed class AccountChangesTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");

    public void Dispose() => _images.Delete(recursive: true);

    private WebAppFactory App(string interval = "00:00:00.300") => new(database.ConnectionString, _images.FullName,
        new Dictionary<string, string> { ["Access:RevalidationInterval"] = interval });

    private static async Task ChangeAsync(WebAppFactory app, Func<UserAccounts, Task> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }

    /// <summary>Waits until <paramref name="condition"/> holds, or fails after <see cref="Deadline"/>.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what} within {Deadline.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    private static async Task<bool> SentToSignInAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login");
    }

    [Fact]
    public async Task A_disabled_account_is_signed_out_and_cannot_sign_in_until_enabled_again()
    {
        await using var app = App();
        var (userName, password) = await app.CreateUserAsync(Roles.Labeller);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await WebAppFactory.PostSignInAsync(client, userName, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/products")).StatusCode);

        await ChangeAsync(app, a => a.DisableAsync(userName));

        await EventuallyAsync(() => SentToSignInAsync(client, "/products"), "the disabled account's cookie is refused");
        var refused = await WebAppFactory.PostSignInAsync(client, userName, password);
        Assert.Contains("This account is disabled", await refused.Content.ReadAsStringAsync());
        Assert.True(await SentToSignInAsync(client, "/products"));

        await ChangeAsync(app, a => a.EnableAsync(userName));

        Assert.Equal(HttpStatusCode.Redirect, (await WebAppFactory.PostSignInAsync(client, userName, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/products")).StatusCode);
    }

    [Fact]
    public async Task A_role_taken_away_stops_working_at_once_not_when_the_cookie_expires()
    {
        await using var app = App();
        await app.CreateUserAsync(Roles.Admin); // so this one is not the only admin
        var (userName, password) = await app.CreateUserAsync(Roles.Admin);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        await WebAppFactory.PostSignInAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);

        await ChangeAsync(app, a => a.SetRolesAsync(userName, [Roles.Labeller]));

        await EventuallyAsync(() => SentToSignInAsync(client, "/admin/users"), "the demoted admin's cookie is refused");
        await WebAppFactory.PostSignInAsync(client, userName, password);
        var denied = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/products")).StatusCode);
    }

    [Fact]
    public async Task An_open_page_is_signed_out_when_its_account_is_disabled_and_stays_signed_in_otherwise()
    {
        await using var app = App();
        var (disabled, _) = await app.CreateUserAsync(Roles.Labeller);
        var (untouched, _) = await app.CreateUserAsync(Roles.Labeller);
        await using var disabledPage = await CircuitOfAsync(app, disabled);
        await using var untouchedPage = await CircuitOfAsync(app, untouched);

        await ChangeAsync(app, a => a.DisableAsync(disabled));

        var signedOut = await disabledPage.Changed.Task.WaitAsync(Deadline);
        Assert.False(signedOut.User.Identity?.IsAuthenticated);
        Assert.True((await untouchedPage.Provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.False(untouchedPage.Changed.Task.IsCompleted);
    }

    /// <summary>
    /// The authentication state of an open page, as a circuit holds it: the app's provider for a scope, given the
    /// principal a sign-in makes, reporting its first change.
    /// </summary>
    private static async Task<Circuit> CircuitOfAsync(WebAppFactory app, string userName)
    {
        var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
        ClaimsPrincipal principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByNameAsync(userName))!);
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var circuit = new Circuit(scope, provider);
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        provider.AuthenticationStateChanged += async state => circuit.Changed.TrySetResult(await state);
        return circuit;
    }

    private sealed record Circuit(AsyncServiceScope Scope, AuthenticationStateProvider Provider) : IAsyncDisposable
    {
        public TaskCompletionSource<AuthenticationState> Changed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }
}

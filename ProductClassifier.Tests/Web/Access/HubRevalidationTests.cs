using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProductClassifier.Core.Access;
using ProductClassifier.Core.Jobs;
using ProductClassifier.Tests.Infrastructure;
using ProductClassifier.Web.Access;
using ProductClassifier.Web.Jobs;

namespace ProductClassifier.Tests.Web.Access;

/// <summary>A hub connection outlives its sign-in's request: it is refused and closed once the sign-in no longer holds.</summary>
public sealed class HubRevalidationTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly DirectoryInfo _images = Directory.CreateTempSubdirectory("pc-web-images-");

    public void Dispose() => _images.Delete(recursive: true);

    private WebAppFactory App(string interval) => new(database.ConnectionString, _images.FullName,
        new Dictionary<string, string> { ["Access:RevalidationInterval"] = interval });

    private async Task<(int Id, string Secret)> IssueKeyAsync(string role)
    {
        await using var db = database.Open();
        var (key, secret) = await new ApiKeys(db).IssueAsync($"notebook-{Guid.NewGuid():N}"[..20], role);
        return (key.Id, secret);
    }

    private async Task RevokeAsync(int keyId)
    {
        await using var db = database.Open();
        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow));
    }

    private async Task<long> JobAsync()
    {
        await using var db = database.Open();
        var catalogue = await TestCatalogue.CreateAsync(db);
        return (await new JobQueue(db).EnqueueAsync(catalogue.Id, JobKinds.PredictAll)).Id;
    }

    /// <summary>
    /// A SignalR .NET client of the test server's training hub over a WebSocket, as browsers and notebooks connect: one
    /// request signs it in, and nothing but the hub itself checks it again (long polling would re-send the key on every poll).
    /// </summary>
    private static HubConnection Connect(WebAppFactory app, string header, string value) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, TrainingHub.Path.TrimStart('/')), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var client = app.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers[header] = value;
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();

    private static Task<Exception?> ClosedAsync(HubConnection hub)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        return closed.Task;
    }

    [Fact]
    public async Task A_call_on_a_connection_whose_key_was_revoked_is_refused_and_the_connection_closed()
    {
        var job = await JobAsync();
        var (keyId, secret) = await IssueKeyAsync(Roles.DataScientist);
        await using var app = App(interval: "01:00:00"); // only the call itself checks
        await using var hub = Connect(app, ApiKeys.Header, secret);
        var closed = ClosedAsync(hub);
        await hub.StartAsync();
        Assert.NotEmpty(await hub.InvokeAsync<IReadOnlyList<JobEventMessage>>(nameof(TrainingHub.Subscribe), job));

        await RevokeAsync(keyId);

        // The refusal is sent before the connection closes; should the close win the race, the call fails all the same.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<IReadOnlyList<JobEventMessage>>(nameof(TrainingHub.Subscribe), job));
        if (refused is HubException) Assert.Contains(HubAccessFilter.Refusal, refused.Message);
        else Assert.IsAssignableFrom<OperationCanceledException>(refused);
        await closed.WaitAsync(Deadline);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task A_listening_connection_is_closed_when_its_key_is_revoked_and_others_stay_open()
    {
        var (revokedId, revoked) = await IssueKeyAsync(Roles.DataScientist);
        var (_, kept) = await IssueKeyAsync(Roles.DataScientist);
        await using var app = App(interval: "00:00:00.300");
        await using var revokedHub = Connect(app, ApiKeys.Header, revoked);
        await using var keptHub = Connect(app, ApiKeys.Header, kept);
        var revokedClosed = ClosedAsync(revokedHub);
        var keptClosed = ClosedAsync(keptHub);
        await revokedHub.StartAsync();
        await keptHub.StartAsync();
        await revokedHub.InvokeAsync(nameof(TrainingHub.SubscribeAll));

        await RevokeAsync(revokedId);

        await revokedClosed.WaitAsync(Deadline);
        await Task.Delay(TimeSpan.FromSeconds(1)); // three more checks of the kept one
        Assert.False(keptClosed.IsCompleted);
        Assert.Equal(HubConnectionState.Connected, keptHub.State);
    }

    [Fact]
    public async Task A_data_scientists_open_connection_is_closed_when_an_admin_disables_the_account()
    {
        await using var app = App(interval: "00:00:00.300");
        var (userName, password) = await app.CreateUserAsync(Roles.DataScientist);
        using var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await SignInForCookieAsync(browser, userName, password);
        await using var hub = Connect(app, "Cookie", signIn);
        var closed = ClosedAsync(hub);
        await hub.StartAsync();
        await hub.InvokeAsync(nameof(TrainingHub.SubscribeAll));

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().DisableAsync(userName);

        await closed.WaitAsync(Deadline);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{TrainingHub.Path}/negotiate?negotiateVersion=1") { Headers = { { "Cookie", signIn } } };
        await Task.Delay(TimeSpan.FromMilliseconds(400)); // past the cookie's own revalidation interval
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(negotiate)).StatusCode);
    }

    /// <summary>Signs in through the form without a cookie container and returns the cookies a browser would send next.</summary>
    private static async Task<string> SignInForCookieAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetAsync("/account/login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Headers = { { "Cookie", antiforgery } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}

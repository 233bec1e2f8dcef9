using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Tests.Infrastructure;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// What the images run, run here from the same publish outputs against the test database, in Production: the migrate
/// step, the web app (pages, MudBlazor's assets, health), the classify API (health) and a worker (heartbeat).
/// </summary>
public sealed partial class PublishedAppTests(PublishedApps apps, TestDatabase database)
    : IClassFixture<PublishedApps>, IClassFixture<TestDatabase>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);
    private readonly string _data = Directory.CreateTempSubdirectory("pc-published-data-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>The settings compose gives the app services, pointed at this test's database and folders.</summary>
    private Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Database__Migrate"] = "false",
            [ProjectRoot.EnvironmentVariable] = _data,
            ["Images__Root"] = Path.Combine(_data, "images"),
            ["Models__Root"] = Path.Combine(_data, "models"),
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    [Fact]
    public void The_publish_outputs_hold_ResNet18s_model_files_and_only_linux_x64_natives()
    {
        foreach (var app in new[] { apps.Web, apps.Training })
        {
            Assert.True(File.Exists(Path.Combine(app, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx")), $"{app}: ResNet18.onnx missing\n{apps.Log}");
            Assert.True(File.Exists(Path.Combine(app, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx")), $"{app}: ResNetPreprocess.onnx missing");
            Assert.True(File.Exists(Path.Combine(app, "libonnxruntime.so")));
            Assert.False(Directory.Exists(Path.Combine(app, "runtimes")), $"{app}: natives of other platforms were published");
        }
        Assert.True(File.Exists(Path.Combine(apps.Training, "libLibTorchSharp.so")));
        Assert.False(File.Exists(Path.Combine(apps.Web, "libLibTorchSharp.so")), "libtorch must never reach the web image");
    }

    [Fact]
    public async Task The_migrate_step_runs_from_the_training_image_and_exits_0()
    {
        using var migrate = PublishedApps.Start(apps.Training, "ProductClassifier.Training.dll", ["db", "migrate"], Settings());

        Assert.True(await migrate.ExitCodeAsync(Generous) == 0, migrate.Output);
    }

    [Fact]
    public async Task The_published_web_app_serves_its_pages_MudBlazors_assets_and_its_health_in_Production()
    {
        var port = LocalPostgres.FreePort();
        var keys = Path.Combine(_data, ".data", "keys");
        using var web = PublishedApps.Start(apps.Web, "ProductClassifier.Web.dll", [],
            Settings(("ASPNETCORE_HTTP_PORTS", port.ToString()), ("DataProtection__KeysFolder", keys)));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await web.WaitUntilLiveAsync(client, Generous);

        var page = await client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"/ answered {page.StatusCode}:\n{html}\n{web.Output}");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml")); // the sign-in page's antiforgery token needed a key: kept in the volume
        var assets = AssetPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal) && a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
        var baseUri = new Uri(page.RequestMessage!.RequestUri!, BasePattern().Match(html) is { Success: true } b ? b.Groups[1].Value : "/");
        foreach (var asset in assets)
        {
            var response = await client.GetAsync(new Uri(baseUri, asset)); // relative to <base href>, as a browser reads it
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{new Uri(baseUri, asset)} answered {response.StatusCode}");
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }

        var ready = await client.GetAsync(HealthEndpoints.ReadyPath);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{checks}\n{web.Output}");
        Assert.Equal("Healthy", (string?)checks["database"]!["status"]);
        Assert.Equal("Healthy", (string?)checks["similarity"]!["status"]);
    }

    [Fact]
    public async Task The_published_classify_API_answers_live_and_ready_where_compose_checks_it()
    {
        var port = LocalPostgres.FreePort();
        using var serve = PublishedApps.Start(apps.Training, "ProductClassifier.Training.dll", ["serve", "--urls", $"http://127.0.0.1:{port}"], Settings());
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await serve.WaitUntilLiveAsync(client, Generous);

        var ready = await client.GetAsync(HealthEndpoints.ReadyPath);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{checks}\n{serve.Output}");
        Assert.Equal("Healthy", (string?)checks["database"]!["status"]);
        Assert.Equal("Healthy", (string?)checks["models"]!["status"]);
    }

    [Fact]
    public async Task The_published_worker_loads_libtorch_and_its_health_check_passes_while_it_runs_and_fails_after()
    {
        var heartbeat = Path.Combine(_data, "worker.heartbeat");
        var settings = Settings(("Worker__HeartbeatFile", heartbeat));
        using (var worker = PublishedApps.Start(apps.Training, "ProductClassifier.Training.dll", ["worker"], settings))
        {
            var deadline = DateTime.UtcNow + Generous;
            while (!File.Exists(heartbeat) && !worker.Process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(250);
            Assert.True(File.Exists(heartbeat), $"no heartbeat file\n{worker.Output}");
            Assert.Matches(@"takes .* jobs on cpu", worker.Output); // TorchRuntime asked libtorch for CUDA: it loaded

            using var health = PublishedApps.Start(apps.Training, "ProductClassifier.Training.dll", ["worker", "health"], settings);
            Assert.True(await health.ExitCodeAsync(Generous) == 0, health.Output);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        using var stale = PublishedApps.Start(apps.Training, "ProductClassifier.Training.dll", ["worker", "health", "--max-age", "00:00:01"], settings);
        Assert.Equal(1, await stale.ExitCodeAsync(Generous));
    }

    [GeneratedRegex(@"(?:href|src)=""([^""]+\.(?:css|js))""")]
    private static partial Regex AssetPattern();

    [GeneratedRegex(@"<base href=""([^""]*)""")]
    private static partial Regex BasePattern();
}

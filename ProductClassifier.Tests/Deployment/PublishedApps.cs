using System.Diagnostics;
using System.Net;
using System.Text;
using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// The web app and the training process published exactly as docker/web.Dockerfile and docker/training.Dockerfile
/// publish them (their build stages replayed by <see cref="DockerBuildStage"/>, default build arguments: the CPU
/// backend), once for the test class; what the images would run, without Docker.
/// </summary>
public sealed class PublishedApps : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-published-").FullName;

    /// <summary>The image's /app: the build stage's /out.</summary>
    public string Web { get; private set; } = "";
    public string Training { get; private set; } = "";

    /// <summary>What the builds printed, for a failure's message.</summary>
    public StringWriter Log { get; } = new();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        Web = await PublishAsync(DockerfileTests.Web, "web", timeout.Token);
        Training = await PublishAsync(DockerfileTests.Training, "training", timeout.Token);
    }

    /// <summary>The build stage's /out; its sources and intermediate output (a second copy of libtorch) are removed at once to spare the disk.</summary>
    private async Task<string> PublishAsync(Dockerfile dockerfile, string name, CancellationToken ct)
    {
        var root = await DockerBuildStage.RunAsync(dockerfile, "build", DockerfileTests.Repository, Path.Combine(_folder, name), Log, ct);
        Directory.Delete(Path.Combine(root, "src"), recursive: true);
        return Path.Combine(root, "out");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts <c>dotnet DLL ARGS</c> in <paramref name="app"/> (the image's working directory) in Production, with the
    /// settings given and none of the test run's own ASP.NET Core or data-root variables.
    /// </summary>
    public static PublishedProcess Start(string app, string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(app, dll), .. args])
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)
                     || k.Contains("__", StringComparison.Ordinal) || k == ProjectRoot.EnvironmentVariable).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return new PublishedProcess(Process.Start(start)!);
    }
}

/// <summary>A process started from a publish output; its output is kept for failure messages; killed when disposed.</summary>
public sealed class PublishedProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    public PublishedProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Waits until the app answers its liveness endpoint through <paramref name="client"/>; fails at once if it exits.</summary>
    public async Task WaitUntilLiveAsync(HttpClient client, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(Process.HasExited, $"the app exited with {(Process.HasExited ? Process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await client.GetAsync(HealthEndpoints.LivePath)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { } // not listening yet
            await Task.Delay(250);
        }
        Assert.Fail($"{HealthEndpoints.LivePath} did not answer 200 within {within}:\n{Output}");
    }

    public async Task<int> ExitCodeAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.WaitForExit();
        Process.Dispose();
    }
}

using ProductClassifier.Core.Data;
using ProductClassifier.Core.Health;
using ProductClassifier.Training.Cli;

namespace ProductClassifier.Tests.Deployment;

/// <summary>docker/*.Dockerfile read as Docker reads them: what they copy exists, they run as intended, their health checks call the app.</summary>
public sealed class DockerfileTests
{
    internal static string Repository => ProjectRoot.Find();
    internal static Dockerfile Web => Dockerfile.Read(Path.Combine(Repository, "docker", "web.Dockerfile"));
    internal static Dockerfile Training => Dockerfile.Read(Path.Combine(Repository, "docker", "training.Dockerfile"));

    public static TheoryData<string> Dockerfiles => new(Directory.GetFiles(Path.Combine(Repository, "docker"), "*.Dockerfile").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_file_it_copies_and_every_project_it_builds_is_in_the_build_context(string name)
    {
        var dockerfile = Dockerfile.Read(Path.Combine(Repository, "docker", name));
        var stages = dockerfile.Stages.Select(s => s.Name).ToHashSet();

        foreach (var copy in dockerfile.Stages.SelectMany(s => s.All("COPY")))
        {
            var words = copy.Words;
            if (words[0].StartsWith("--from=", StringComparison.Ordinal))
            {
                var from = words[0]["--from=".Length..];
                Assert.True(stages.Contains(from) || from.Contains('/'), $"{name}:{copy.Line}: --from={from} is neither a stage nor an image");
                continue;
            }
            foreach (var source in words.Take(words.Count - 1))
                Assert.True(File.Exists(Path.Combine(Repository, source)) || Directory.Exists(Path.Combine(Repository, source)),
                    $"{name}:{copy.Line}: COPY {source}: not in the repository");
        }
        var projects = dockerfile.Stage("build").All("RUN").SelectMany(r => r.Words).Where(w => w.EndsWith(".csproj", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.True(File.Exists(Path.Combine(Repository, p)), $"{name}: {p} does not exist"));
    }

    [Fact]
    public void The_build_context_leaves_out_local_build_output_and_data()
    {
        var ignored = DockerIgnore.Read(Path.Combine(Repository, ".dockerignore"));

        Assert.True(ignored.Excludes(Path.Combine("ProductClassifier.Core", "bin", "Debug", "x.dll")));
        Assert.True(ignored.Excludes(Path.Combine("ProductClassifier.Web", "obj", "project.assets.json")));
        Assert.True(ignored.Excludes(Path.Combine(".data", "models", "v1")));
        Assert.False(ignored.Excludes(Path.Combine("ProductClassifier.Core", "Catalog", "Product.cs")));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void It_builds_in_the_SDK_image_and_runs_in_the_ASP_NET_runtime_as_a_user_other_than_root(string name)
    {
        var dockerfile = Dockerfile.Read(Path.Combine(Repository, "docker", name));
        var final = dockerfile.Final;
        var runtime = final.From.Replace("${BACKEND}", dockerfile.GlobalArgs.GetValueOrDefault("BACKEND"));
        var runtimeFrom = dockerfile.Stages.FirstOrDefault(s => s.Name == runtime)?.From ?? runtime;

        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.Stage("build").From);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", runtimeFrom);
        Assert.Contains(final.All("COPY"), c => c.Words[0] == "--from=build");
        var user = Assert.Single(final.All("USER")).Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0" });
        Assert.Equal("$APP_UID", user);
    }

    [Fact]
    public void The_CUDA_worker_runs_on_the_CUDA_runtime_with_the_same_user_id_as_the_CPU_images()
    {
        var cuda = Training.Stage("runtime-cuda");

        Assert.StartsWith("nvidia/cuda:12.8", cuda.From); // libtorch-cuda-12.8 and ONNX Runtime's CUDA 12 provider
        Assert.Contains("-cudnn-runtime-", cuda.From);
        Assert.Equal("1654", cuda.Environment["APP_UID"]); // the aspnet images' app user
        Assert.Contains(cuda.All("RUN"), r => r.Arguments.Contains("useradd --uid 1654"));
        Assert.Equal("cpu", Training.GlobalArgs["BACKEND"]);
    }

    [Fact]
    public void The_web_image_listens_where_its_health_check_and_EXPOSE_say_and_checks_readiness()
    {
        var final = Web.Final;
        var port = final.Environment["ASPNETCORE_HTTP_PORTS"];
        var health = Assert.Single(final.All("HEALTHCHECK")).ExecForm!;

        Assert.Equal(port, Assert.Single(final.All("EXPOSE")).Arguments);
        Assert.Equal($"http://localhost:{port}{HealthEndpoints.ReadyPath}", health[^1]);
        Assert.Equal(new[] { "dotnet", "ProductClassifier.Web.dll" }, Assert.Single(final.All("ENTRYPOINT")).ExecForm);
    }

    [Fact]
    public void The_training_image_runs_the_worker_by_default_and_its_health_check_is_the_worker_health_verb()
    {
        var final = Training.Final;
        var entrypoint = Assert.Single(final.All("ENTRYPOINT")).ExecForm!;
        var command = Assert.Single(final.All("CMD")).ExecForm!;
        var health = Assert.Single(final.All("HEALTHCHECK")).ExecForm!;

        Assert.Equal(new[] { "dotnet", "/app/ProductClassifier.Training.dll" }, entrypoint);
        Assert.Equal(new[] { "worker" }, command);
        string[] expected = [.. entrypoint, "worker", "health"];
        Assert.Equal(expected, health);
        Assert.Empty(CommandLine.Build().Parse(health[2..]).Errors);
        Assert.NotEmpty(final.Environment["Worker__HeartbeatFile"]);
    }

    [Fact]
    public void The_images_set_only_configuration_their_app_reads()
    {
        foreach (var (dockerfile, keys) in new[] { (Web, AppConfiguration.Web), (Training, AppConfiguration.Training) })
            foreach (var variable in dockerfile.Final.Environment.Keys)
                Assert.True(keys.Contains(AppConfiguration.KeyOf(variable)), $"{Path.GetFileName(dockerfile.Path)} sets {variable}, which its app does not read");
    }
}

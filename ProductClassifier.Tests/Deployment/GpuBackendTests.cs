using System.Text.Json.Nodes;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// -p:TorchBackend and -p:OnnxRuntimeBackend (build/GpuBackends.targets), checked by evaluating the projects with
/// MSBuild: the default build references exactly the CPU packages, cuda the CUDA ones. Nothing is restored: this
/// machine's package mirror does not serve TorchSharp-cuda-linux, and a restore would only fail for that.
/// </summary>
public sealed class GpuBackendTests
{
    private static readonly string Training = Path.Combine(DockerfileTests.Repository, "ProductClassifier.Training", "ProductClassifier.Training.csproj");
    private static readonly string Core = Path.Combine(DockerfileTests.Repository, "ProductClassifier.Core", "ProductClassifier.Core.csproj");

    [Fact]
    public async Task The_default_build_references_the_CPU_packages_only()
    {
        var training = await PackageReferencesAsync(Training);
        var core = await PackageReferencesAsync(Core);

        Assert.Contains("TorchSharp-cpu", training);
        Assert.DoesNotContain("TorchSharp-cuda-linux", training);
        Assert.Contains("Microsoft.ML.OnnxRuntime", core);
        Assert.DoesNotContain("Microsoft.ML.OnnxRuntime.Gpu.Linux", core);
    }

    [Fact]
    public async Task Cuda_swaps_TorchSharp_cpu_for_TorchSharp_cuda_linux_and_adds_ONNX_Runtimes_CUDA_build_at_pinned_versions()
    {
        var training = await PackageReferencesAsync(Training, "-p:TorchBackend=cuda");
        var core = await PackageReferencesAsync(Core, "-p:OnnxRuntimeBackend=cuda");
        var versions = await ItemsAsync(Core, "PackageVersion");

        Assert.Contains("TorchSharp-cuda-linux", training);
        Assert.DoesNotContain("TorchSharp-cpu", training);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux", core);
        Assert.Equal(versions["TorchSharp-cpu"], versions["TorchSharp-cuda-linux"]); // the same TorchSharp, so the same libtorch
        Assert.StartsWith("1.31.", versions["Microsoft.ML.OnnxRuntime.Gpu.Linux"]); // the API version Managed 1.31 calls
        Assert.StartsWith("1.31.", versions["Microsoft.ML.OnnxRuntime.Managed"]);
    }

    [Fact]
    public async Task An_unknown_backend_is_refused_by_name()
    {
        var (exitCode, output) = await MsBuildAsync(Training, "-t:CheckGpuBackends", "-p:TorchBackend=rocm");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("TorchBackend must be cpu or cuda, not 'rocm'.", output);
    }

    [Fact]
    public async Task A_cuda_restore_says_first_that_a_missing_TorchSharp_cuda_linux_is_the_package_sources_doing()
    {
        var (exitCode, output) = await MsBuildAsync(Training, "-t:AnnounceCudaTorch", "-p:TorchBackend=cuda");

        Assert.Equal(0, exitCode);
        Assert.Contains("NU1101 'Unable to find package TorchSharp-cuda-linux'", output);
    }

    [Fact]
    public void The_training_image_passes_its_BACKEND_to_both_properties_in_restore_and_publish()
    {
        var runs = DockerfileTests.Training.Stage("build").All("RUN").Select(r => r.Words).ToList();

        Assert.Equal(2, runs.Count(r => r.Contains("-p:TorchBackend=$BACKEND") && r.Contains("-p:OnnxRuntimeBackend=$BACKEND")));
        Assert.All(runs, r => Assert.True(r[1] is "restore" or "publish"));
    }

    private static async Task<IReadOnlySet<string>> PackageReferencesAsync(string project, params string[] properties) =>
        (await ItemsAsync(project, "PackageReference", properties)).Keys.ToHashSet();

    /// <summary>The project's items of one type as MSBuild evaluates them (<c>-getItem</c>): identity to version, where there is one.</summary>
    private static async Task<Dictionary<string, string>> ItemsAsync(string project, string type, params string[] properties)
    {
        var (exitCode, output) = await MsBuildAsync(project, [$"-getItem:{type}", .. properties]);
        Assert.True(exitCode == 0, output);
        return JsonNode.Parse(output)!["Items"]![type]!.AsArray()
            .ToDictionary(i => (string)i!["Identity"]!, i => (string?)i!["Version"] ?? "");
    }

    private static async Task<(int ExitCode, string Output)> MsBuildAsync(string project, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await BuildProcess.RunAsync(["dotnet", "msbuild", project, "-nologo", .. args], DockerfileTests.Repository, timeout.Token);
    }
}

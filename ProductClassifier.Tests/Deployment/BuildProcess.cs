using System.Diagnostics;

namespace ProductClassifier.Tests.Deployment;

/// <summary>Runs a build command (dotnet restore, publish, msbuild) from a test, as it would run on its own.</summary>
internal static class BuildProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command, string workdir, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command[0], command.Skip(1)) { WorkingDirectory = workdir, RedirectStandardOutput = true, RedirectStandardError = true };
        // A clean environment, as in the SDK image: none of the test host's MSBuild or test platform variables.
        var kept = start.Environment.Where(e => e.Key is "PATH" or "HOME" or "TMPDIR" || e.Key.StartsWith("NUGET_", StringComparison.Ordinal)).ToList();
        start.Environment.Clear();
        foreach (var (key, value) in kept) start.Environment[key] = value;
        // No build server may outlive the build (one holding the output pipes open would keep this waiting).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try { await process.WaitForExitAsync(ct); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await stdout + await stderr);
    }
}

using System.Diagnostics;

namespace ProductClassifier.Tests.Deployment;

/// <summary>Runs a build command (dotnet restore, publish, msbuild) from a test, as it would run on its own.</summary>
internal static class BuildProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> command, string workdir, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command[0], command.Skip(1)) { WorkingDirectory = workdir, RedirectStandardOutput = true, RedirectStandardError = true };
        // The test host's MSBuild settings must not leak into the build it starts; and no build server may outlive it
        // (one holding the output pipes open would keep this waiting).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
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

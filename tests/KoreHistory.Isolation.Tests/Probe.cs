using System.Diagnostics;
using System.Text.Json;

namespace KoreHistory.IsolationTests;

/// Runs KoreHistory.Isolation.Probe in a fresh process, the stand-in for a fresh pwsh session, and reads its report.
internal static class Probe
{
    public static async Task<ProbeReport> RunAsync(string order, EmulatorProcess emulator)
    {
        var output = await RunAsync([order, TestPaths.ModuleDirectory, .. TestPaths.OlderAssemblies], emulator);
        return JsonSerializer.Deserialize<ProbeReport>(output) ?? throw new InvalidOperationException("The probe printed no report.");
    }

    public static async Task<string> RunAsync(IEnumerable<string> arguments, EmulatorProcess? emulator)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TestPaths.ProbePath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (emulator is not null)
        {
            // The secret travels in the environment, not on a command line other users could list.
            start.Environment["KORE_BASE_URI"] = emulator.BaseUri.ToString();
            start.Environment["KORE_BOT_ID"] = emulator.BotId;
            start.Environment["KORE_CLIENT_ID"] = emulator.ClientId;
            start.Environment["KORE_CLIENT_SECRET"] = emulator.ClientSecret;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The probe failed (exit code {process.ExitCode}): {await errors}");
        }
        return await output;
    }
}

public sealed record LoadedAssembly(string Name, string Version, string Context, string Location);

public sealed record ProbeReport(string Order, List<string> SessionIds, string? OlderIssuer, List<LoadedAssembly> Assemblies);

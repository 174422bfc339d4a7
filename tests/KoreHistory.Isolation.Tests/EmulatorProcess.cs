using System.Diagnostics;

namespace KoreHistory.IsolationTests;

/// The emulator as a child process on a free loopback port, as `dotnet KoreHistory.Emulator.dll --urls
/// http://127.0.0.1:0` prints it: base URL, bot id and demo credentials read from its start-up banner. It runs in its
/// own process so that its own IdentityModel never enters a process whose load contexts a test inspects.
public sealed class EmulatorProcess : IAsyncLifetime
{
    private Process? process;

    public Uri BaseUri { get; private set; } = null!;

    public string BotId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    public string ClientSecret { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { TestPaths.EmulatorPath, "--urls", "http://127.0.0.1:0", "--sessions", "60", "--seed", "11" })
        {
            start.ArgumentList.Add(argument);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var banner = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!banner.ContainsKey("Admin client secret"))
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("The emulator exited before its banner: " + await process.StandardError.ReadToEndAsync());
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.StartsWith("  ", StringComparison.Ordinal) && colon > 0)
            {
                banner[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        BaseUri = new Uri(banner["Base URL"]);
        BotId = banner["Bot id"];
        ClientId = banner["Client id"];
        ClientSecret = banner["Client secret"];
    }

    public async Task DisposeAsync()
    {
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }
}

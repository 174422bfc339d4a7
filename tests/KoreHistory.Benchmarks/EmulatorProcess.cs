using System.Diagnostics;
using System.Reflection;

namespace KoreHistory.Benchmarks;

// The built emulator in its own process (so its CPU and memory are not the client's), started on port 0;
// the base URL and credentials come from its start-up banner. Disposing stops that process and nothing else.
internal sealed class EmulatorProcess : IDisposable
{
    private readonly Process process;

    private EmulatorProcess(Process process, Uri baseUri, string botId, string clientId, string clientSecret)
    {
        this.process = process;
        BaseUri = baseUri;
        BotId = botId;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public Uri BaseUri { get; }

    public string BotId { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public EmulatorEndpoint Endpoint => new(BaseUri, BotId, ClientId, ClientSecret);

    public static string DllPath =>
        typeof(EmulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "EmulatorDll").Value!;

    public static async Task<EmulatorProcess> StartAsync(EmulatorSetup setup)
    {
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"The emulator is not built at {DllPath}; build the benchmark project (it builds the emulator too).");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in setup.Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var banner = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            while (banner.Count < 4)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The emulator exited (code {(process.HasExited ? process.ExitCode : -1)}) before its banner.");
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line.StartsWith("  ", StringComparison.Ordinal))
                {
                    var name = line[..colon].Trim();
                    if (name is "Base URL" or "Bot id" or "Client id" or "Client secret")
                    {
                        banner[name] = line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch
        {
            Stop(process);
            throw;
        }

        return new EmulatorProcess(process, new Uri(banner["Base URL"]), banner["Bot id"], banner["Client id"], banner["Client secret"]);
    }

    public void Dispose()
    {
        Stop(process);
        process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(5000);
        }
    }
}

// Where a client finds a running emulator and its (emulator-only) credentials.
internal sealed record EmulatorEndpoint(Uri BaseUri, string BotId, string ClientId, string ClientSecret);

// The emulator's command line for one scenario.
// Extra: more options as given (e.g. --fault-rate, --fault-kinds for the soak).
internal sealed record EmulatorSetup(int Sessions, int Days, double MessagesPerSession, int PerMinute, int PerHour, int LatencyMs, int Seed = 11, double MinuteWindowSeconds = 60, IReadOnlyList<string>? Extra = null)
{
    public TimeSpan MinuteWindow => TimeSpan.FromSeconds(MinuteWindowSeconds);

    public IEnumerable<string> Arguments() =>
    [
        "--minute-window-seconds", MinuteWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. Extra ?? [],
        "--urls", "http://127.0.0.1:0",
        "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--sessions", Sessions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--days", Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--messages-per-session", MessagesPerSession.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--per-minute", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--per-hour", PerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--latency-ms", LatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}

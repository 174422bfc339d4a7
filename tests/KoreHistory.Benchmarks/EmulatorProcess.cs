using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace KoreHistory.Benchmarks;

// The emulator in its own process (EmulatorHost: this program with `--emulator-host`), started on port 0; the
// base URL and credentials come from its start-up banner. It counts the requests it is sent (CountsAsync), so
// request figures are the server's count, whichever client sent them. Disposing closes its stdin, which stops it.
internal sealed class EmulatorProcess : IDisposable
{
    private readonly Process process;
    private readonly SemaphoreSlim commandGate = new(1, 1);

    private EmulatorProcess(Process process, EmulatorEndpoint endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public EmulatorEndpoint Endpoint { get; }

    public Uri BaseUri => Endpoint.BaseUri;

    public string BotId => Endpoint.BotId;

    public static async Task<EmulatorProcess> StartAsync(EmulatorSetup setup)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(EmulatorProcess).Assembly.Location);
        start.ArgumentList.Add(EmulatorHost.Switch);
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
            process.Dispose();
            throw;
        }

        return new EmulatorProcess(process, new EmulatorEndpoint(new Uri(banner["Base URL"]), banner["Bot id"], banner["Client id"], banner["Client secret"]));
    }

    // The server's counters. A client process that has just exited may have left a request on the wire: wait
    // `settle` first so it is counted.
    public async Task<EmulatorCounts> CountsAsync(TimeSpan settle = default)
    {
        if (settle > TimeSpan.Zero)
        {
            await Task.Delay(settle).ConfigureAwait(false);
        }

        var line = await CommandAsync("stats", EmulatorHost.StatsPrefix).ConfigureAwait(false);
        return JsonSerializer.Deserialize<EmulatorCounts>(line[EmulatorHost.StatsPrefix.Length..])
            ?? throw new InvalidOperationException("The emulator host sent empty stats.");
    }

    // Counters to zero and a fresh rate-limit budget (nothing sent before counts against the next client).
    public Task ResetAsync() => CommandAsync("reset", EmulatorHost.ResetDone);

    // The ids of every message of the bot's sessions that started in [from, to), from the emulator's own data.
    public async Task<IReadOnlyList<string>> TruthAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var file = Path.Combine(Path.GetTempPath(), $"korehistory-bench-{Guid.NewGuid():n}.txt");
        try
        {
            await CommandAsync($"truth {IsoTime.Format(from)} {IsoTime.Format(to)} {file}", EmulatorHost.TruthPrefix).ConfigureAwait(false);
            return await File.ReadAllLinesAsync(file).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                Stop(process);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (IOException)
        {
            Stop(process);
        }

        process.Dispose();
        commandGate.Dispose();
    }

    private async Task<string> CommandAsync(string command, string answerPrefix)
    {
        await commandGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await process.StandardInput.WriteLineAsync(command).ConfigureAwait(false);
            await process.StandardInput.FlushAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The emulator host exited.");
                if (line.StartsWith(answerPrefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        finally
        {
            commandGate.Release();
        }
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

// The emulator's command line for one scenario. The two windows shorten the API's minute and hour (60 s, 3,600 s)
// so pacing at the real limits shows in seconds. Extra: more options as given (e.g. --fault-rate for the soak).
internal sealed record EmulatorSetup(
    int Sessions,
    int Days,
    double MessagesPerSession,
    int PerMinute,
    int PerHour,
    int LatencyMs,
    int Seed = 11,
    double MinuteWindowSeconds = 60,
    double HourWindowSeconds = 3600,
    IReadOnlyList<string>? Extra = null)
{
    public TimeSpan MinuteWindow => TimeSpan.FromSeconds(MinuteWindowSeconds);

    public TimeSpan HourWindow => TimeSpan.FromSeconds(HourWindowSeconds);

    // A limit far above anything a scenario sends, for scenarios about something other than pacing.
    public const int Unbound = 100_000_000;

    public IEnumerable<string> Arguments() =>
    [
        "--minute-window-seconds", Text(MinuteWindowSeconds),
        "--hour-window-seconds", Text(HourWindowSeconds),
        .. Extra ?? [],
        "--urls", "http://127.0.0.1:0",
        "--seed", Text(Seed),
        "--sessions", Text(Sessions),
        "--days", Text(Days),
        "--messages-per-session", Text(MessagesPerSession),
        "--per-minute", Text(PerMinute),
        "--per-hour", Text(PerHour),
        "--latency-ms", Text(LatencyMs),
    ];

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}

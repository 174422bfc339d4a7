using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks;

// Runs one read in a child process of the benchmark (`--client-child`), so its CPU time, peak working set and managed
// heap are that read's client alone: the emulator runs in a process of its own, the benchmark in a third.
internal static class ClientProbe
{
    public const string Switch = "--client-child";
    private const string SecretVariable = "KOREHISTORY_BENCH_CLIENT_SECRET";
    private const string IdPrefix = "id: ";
    private const string ResultPrefix = "result: ";

    // Client: "engine" (KoreConnection.GetMessages) or "naive" (NaiveClient). WarmUp: first read the last 30 minutes
    // of the range, untimed (JIT, connection), as a PowerShell session would have done before. WarmUpWhole: first read
    // the whole range once (then timed as the cold read): .NET compiles the hot code again, optimised, while the first
    // large read runs (tiered compilation), and only a read after it costs what a read costs. EmitIds: write a 64-bit
    // hash of each message id to the parent, which looks for duplicates (so the set is not in this process). Soak:
    // short retry delays and more attempts, for a server that injects faults.
    internal sealed record ProbeRequest(
        string Client,
        DateTimeOffset From,
        DateTimeOffset To,
        bool UseMessagesV2 = false,
        bool WarmUp = false,
        bool EmitIds = false,
        bool Soak = false,
        bool WarmUpWhole = false);

    // Seconds and CpuSeconds cover the timed read only; the peaks cover the whole child process (start-up included).
    // PeakManagedBytes is GC.GetTotalMemory sampled every 20 ms; AllocatedBytes is what the read allocated. ColdSeconds
    // and ColdCpuSeconds: the whole-range warm-up read (WarmUpWhole), the same read in a process that has not run it yet.
    internal sealed record ProbeResult(
        long Messages,
        long? ApiTotal,
        double Seconds,
        double CpuSeconds,
        long PeakWorkingSetBytes,
        long PeakManagedBytes,
        long AllocatedBytes,
        long Attempts,
        long Retries,
        double ColdSeconds = 0,
        double ColdCpuSeconds = 0);

    public static async Task<ProbeResult> RunAsync(EmulatorEndpoint emulator, ProbeRequest request, Action<ulong>? onId = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ClientProbe).Assembly.Location);
        start.ArgumentList.Add(Switch);
        start.ArgumentList.Add(JsonSerializer.Serialize(request));
        start.ArgumentList.Add(emulator.BaseUri.ToString());
        start.ArgumentList.Add(emulator.BotId);
        start.ArgumentList.Add(emulator.ClientId);
        start.Environment[SecretVariable] = emulator.ClientSecret;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        ProbeResult? result = null;
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(IdPrefix, StringComparison.Ordinal))
            {
                onId?.Invoke(ulong.Parse(line.AsSpan(IdPrefix.Length), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
            else if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<ProbeResult>(line[ResultPrefix.Length..]);
            }
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0 || result is null)
        {
            throw new InvalidOperationException($"The {request.Client} probe failed ({process.ExitCode}): {await errors.ConfigureAwait(false)}");
        }

        return result;
    }

    public static async Task<int> RunChildAsync(string[] args)
    {
        var request = JsonSerializer.Deserialize<ProbeRequest>(args[1]) ?? throw new InvalidOperationException("No probe request.");
        var endpoint = new EmulatorEndpoint(new Uri(args[2]), args[3], args[4],
            Environment.GetEnvironmentVariable(SecretVariable) ?? throw new InvalidOperationException($"{SecretVariable} is not set."));
        using var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16);
        long peakManaged = 0;
        using var sampler = new Timer(_ => InterlockedMax(ref peakManaged, GC.GetTotalMemory(false)), null, 0, 20);
        long attempts = 0;
        long retries = 0;
        var options = new KoreReadOptions
        {
            OnRequest = log =>
            {
                Interlocked.Increment(ref attempts);
                if (log.Attempt > 1)
                {
                    Interlocked.Increment(ref retries);
                }
            },
        };

        using var connection = Engine.Connect(endpoint, EmulatorSetup.Unbound, EmulatorSetup.Unbound, settings =>
        {
            if (request.Soak)
            {
                settings.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                settings.MaxAttempts = 8;
                settings.RequestTimeout = TimeSpan.FromSeconds(30);
            }
        });
        using var naive = new NaiveClient(endpoint);
        var warmUp = new KoreMessageQuery { From = request.To - TimeSpan.FromMinutes(30), To = request.To, UseMessagesV2 = request.UseMessagesV2 };
        if (request.WarmUp)
        {
            if (request.Client == "naive")
            {
                await naive.ReadMessagesAsync(warmUp.From!.Value, request.To, _ => { }).ConfigureAwait(false);
            }
            else
            {
                await foreach (var _ in connection.GetMessages(warmUp).ConfigureAwait(false))
                {
                }
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            Interlocked.Exchange(ref attempts, 0);
            Interlocked.Exchange(ref retries, 0);
        }

        using var self = Process.GetCurrentProcess();
        double coldSeconds = 0;
        double coldCpuSeconds = 0;
        if (request.WarmUpWhole)
        {
            self.Refresh();
            var coldCpu = self.TotalProcessorTime;
            var coldWatch = Stopwatch.StartNew();
            if (request.Client == "naive")
            {
                await naive.ReadMessagesAsync(request.From, request.To, message => NaiveClient.ReadExportedFields(message)).ConfigureAwait(false);
            }
            else
            {
                await foreach (var _ in connection.GetMessages(new KoreMessageQuery { From = request.From, To = request.To, UseMessagesV2 = request.UseMessagesV2 }).ConfigureAwait(false))
                {
                }
            }

            coldSeconds = coldWatch.Elapsed.TotalSeconds;
            self.Refresh();
            coldCpuSeconds = (self.TotalProcessorTime - coldCpu).TotalSeconds;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Interlocked.Exchange(ref attempts, 0);
            Interlocked.Exchange(ref retries, 0);
        }

        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var messages = 0L;
        long? apiTotal = null;
        var watch = Stopwatch.StartNew();
        if (request.Client == "naive")
        {
            await naive.ReadMessagesAsync(request.From, request.To, message =>
            {
                messages++;
                NaiveClient.ReadExportedFields(message);
                if (request.EmitIds)
                {
                    output.Write(IdPrefix);
                    output.WriteLine(Fnv1a64(message["_id"]!.GetValue<string>()).ToString("x16", CultureInfo.InvariantCulture));
                }
            }).ConfigureAwait(false);
        }
        else
        {
            var results = connection.GetMessages(new KoreMessageQuery { From = request.From, To = request.To, UseMessagesV2 = request.UseMessagesV2 }, options);
            await foreach (var message in results.ConfigureAwait(false))
            {
                messages++;
                if (request.EmitIds)
                {
                    output.Write(IdPrefix);
                    output.WriteLine(Fnv1a64(message.MessageId).ToString("x16", CultureInfo.InvariantCulture));
                }
            }

            apiTotal = results.TotalCount;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        InterlockedMax(ref peakManaged, GC.GetTotalMemory(false));
        var result = new ProbeResult(messages, apiTotal, seconds, cpuSeconds, self.PeakWorkingSet64, Interlocked.Read(ref peakManaged),
            allocated, Interlocked.Read(ref attempts), Interlocked.Read(ref retries), coldSeconds, coldCpuSeconds);
        output.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    // 64-bit FNV-1a of an id: the parent keeps a million of these in a HashSet<ulong> instead of a million strings (a
    // collision, about 3e-8 likely at that size, would show as a duplicate and a loss, never hide one).
    public static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

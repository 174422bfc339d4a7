using System.Diagnostics;
using System.Globalization;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks;

// Runs one streaming read in a child process of the benchmark, so its peak working set is that read's alone.
internal static class MemoryProbe
{
    public const string ChildSwitch = "--memory-child";
    private const string SecretVariable = "KOREHISTORY_BENCH_CLIENT_SECRET";

    public sealed record Result(long Messages, long PeakWorkingSetBytes, double Seconds);

    // client: "engine" or "naive".
    public static async Task<Result> RunAsync(EmulatorProcess emulator, string client, int days)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(MemoryProbe).Assembly.Location, ChildSwitch, client, emulator.BaseUri.ToString(), emulator.BotId, emulator.ClientId, days.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[SecretVariable] = emulator.ClientSecret;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The memory probe failed ({process.ExitCode}): {output}");
        }

        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        return new Result(
            long.Parse(values["messages"], CultureInfo.InvariantCulture),
            long.Parse(values["peak-working-set-bytes"], CultureInfo.InvariantCulture),
            double.Parse(values["seconds"], CultureInfo.InvariantCulture));
    }

    public static async Task<int> RunChildAsync(string[] args)
    {
        var client = args[1];
        var endpoint = new EmulatorEndpoint(new Uri(args[2]), args[3], args[4],
            Environment.GetEnvironmentVariable(SecretVariable) ?? throw new InvalidOperationException($"{SecretVariable} is not set."));
        var days = int.Parse(args[5], CultureInfo.InvariantCulture);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(days + 1);
        var messages = 0L;
        var watch = Stopwatch.StartNew();
        if (client == "naive")
        {
            using var naive = new NaiveClient(endpoint);
            await naive.ReadMessagesAsync(from, to, _ => messages++).ConfigureAwait(false);
        }
        else
        {
            using var connection = Engine.Connect(endpoint, 10_000_000, 100_000_000);
            await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = from, To = to }).ConfigureAwait(false))
            {
                if (message.MessageId.Length > 0)
                {
                    messages++;
                }
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"messages: {messages.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"peak-working-set-bytes: {self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"seconds: {seconds.ToString("0.###", CultureInfo.InvariantCulture)}");
        return 0;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KoreHistory.Emulator;

namespace KoreHistory.Benchmarks;

// The emulator as a child process of the benchmark (`--emulator-host` followed by the emulator's own options), so
// its CPU and memory are never the measured client's. Beside the emulator's banner it answers three commands on
// stdin, one line each: `stats` (its request counters and its own CPU time, one JSON line), `reset` (counters
// and rate-limit windows back to zero) and `truth <from> <to> <file>` (the ground truth a session read is compared
// with: the id of every message of the bot's sessions that started in [from, to), whatever the message's own time,
// written to the file one a line). It stops when stdin closes, so it never outlives the benchmark.
internal static class EmulatorHost
{
    public const string Switch = "--emulator-host";
    public const string StatsPrefix = "stats: ";
    public const string ResetDone = "reset: done";
    public const string TruthPrefix = "truth: ";

    public static async Task<int> RunAsync(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = EmulatorCommandLine.Parse(args.Skip(1).ToList());
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        await using var server = await EmulatorServer.StartAsync(options).ConfigureAwait(false);
        Console.WriteLine(EmulatorCommandLine.Banner(server));
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } command)
        {
            switch (command.Trim())
            {
                case "stats":
                    Console.WriteLine(StatsPrefix + JsonSerializer.Serialize(Snapshot(server.Stats)));
                    break;
                case "reset":
                    server.Stats.Reset();
                    server.ResetRateLimits();
                    Console.WriteLine(ResetDone);
                    break;
                case var truth when truth.StartsWith("truth ", StringComparison.Ordinal):
                    Console.WriteLine(TruthPrefix + WriteTruth(server, truth.Split(' ', 4)));
                    break;
                default:
                    Console.WriteLine($"unknown command: {command}");
                    break;
            }

            Console.Out.Flush();
        }

        return 0;
    }

    // truth <from> <to> <file>: the messages of the main bot's sessions that started in [from, to); their count.
    private static int WriteTruth(EmulatorServer server, string[] command)
    {
        var from = DateTimeOffset.Parse(command[1], CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(command[2], CultureInfo.InvariantCulture);
        var ids = server.Data.Sessions
            .Where(s => s.BotId == server.Options.BotId && s.StartTime >= from && s.StartTime < to)
            .SelectMany(s => server.Data.MessagesOf(s.SessionId))
            .Select(m => m.MessageId)
            .ToList();
        File.WriteAllLines(command[3], ids);
        return ids.Count;
    }

    private static EmulatorCounts Snapshot(EmulatorStats stats)
    {
        using var self = Process.GetCurrentProcess();
        return new EmulatorCounts(
            stats.TotalRequests,
            stats.RequestsTo(EmulatorRoutes.BotSessions) + stats.RequestsTo(EmulatorRoutes.AdminSessions),
            stats.RequestsTo(EmulatorRoutes.BotMessages) + stats.RequestsTo(EmulatorRoutes.AdminMessages),
            stats.RequestsTo(EmulatorRoutes.BotMessagesV2),
            stats.TooManyRequests,
            stats.FaultsInjected,
            stats.Succeeded,
            self.TotalProcessorTime.TotalSeconds);
    }
}

// What the emulator counted since its start or last reset: every request that reached an API route, whatever its
// answer (Requests), split by API; 429s from its rate limiter; injected faults; 200s with data; and the host
// process's own CPU seconds since it started (subtract two snapshots for the server's cost of a read).
internal sealed record EmulatorCounts(
    long Requests,
    long GetSessions,
    long GetMessages,
    long GetMessagesV2,
    long TooManyRequests,
    long Faults,
    long Succeeded,
    double CpuSeconds)
{
    public string Breakdown =>
        $"{GetSessions} getSessions, {GetMessages} getMessages" + (GetMessagesV2 > 0 ? $", {GetMessagesV2} getMessagesV2" : "");
}

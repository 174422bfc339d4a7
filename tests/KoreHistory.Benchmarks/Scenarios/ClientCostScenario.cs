using System.Globalization;

namespace KoreHistory.Benchmarks.Scenarios;

// Client cost: the CPU a whole read costs the client per message: HTTP, token minting, pacing, the retry pipeline,
// parsing, mapping and enumeration, as `await foreach` over KoreConnection.GetMessages does it. 50,000 messages in
// one window, read after a warm-up in a child process of their own (ClientProbe), against the emulator in another
// process with no latency and limits that never bind; the figure is the child's CPU time during the read divided
// by the messages. The server's own CPU for the same read (the emulator process's) is stated beside it, not counted.
// The naive client (HttpClient, one JSON DOM per page, sequential, reading the fields a CSV export needs) is
// measured the same way. Each runs three times, alternating, and the cheapest run counts (other work on the machine
// only ever adds CPU time). Goal: the engine's typed, paced and retried read costs no more CPU per message than that.
internal sealed class ClientCostScenario : IScenario
{
    private static readonly EmulatorSetup Setup = new(Sessions: 6250, Days: 6, MessagesPerSession: 8, PerMinute: EmulatorSetup.Unbound, PerHour: EmulatorSetup.Unbound, LatencyMs: 0);

    private const int Repeats = 3;

    public string Name => "client-cost";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(Setup.Days + 1);
        var engineRuns = new List<(ClientProbe.ProbeResult Result, double ServerCpuSeconds)>();
        var naiveRuns = new List<(ClientProbe.ProbeResult Result, double ServerCpuSeconds)>();
        for (var run = 0; run < Repeats; run++)
        {
            engineRuns.Add(await MeasureAsync(emulator, "engine", from, to).ConfigureAwait(false));
            naiveRuns.Add(await MeasureAsync(emulator, "naive", from, to).ConfigureAwait(false));
        }

        var (engine, engineServer) = engineRuns.MinBy(r => r.Result.CpuSeconds);
        var (naive, naiveServer) = naiveRuns.MinBy(r => r.Result.CpuSeconds);
        var engineMicroseconds = engine.CpuSeconds * 1e6 / engine.Messages;
        var naiveMicroseconds = naive.CpuSeconds * 1e6 / naive.Messages;
        report.Figure("messages", engine.Messages, "", naive: naive.Messages.ToString(CultureInfo.InvariantCulture),
            goal: "the same count", met: engine.Messages == naive.Messages);
        report.Figure("cpu-us-per-message", engineMicroseconds, "µs", naive: Report.Format(naiveMicroseconds),
            note: $"the client process's CPU time over the whole read, best of {Repeats} ({Spread(engineRuns)}; naive {Spread(naiveRuns)})",
            goal: "≤ naive", met: engineMicroseconds <= naiveMicroseconds);
        report.Figure("allocated-bytes-per-message", (double)engine.AllocatedBytes / engine.Messages, "B",
            naive: Report.Format((double)naive.AllocatedBytes / naive.Messages));
        report.Figure("wall-seconds", engine.Seconds, "s", naive: Report.Format(naive.Seconds),
            note: $"{Report.Format(engine.Messages / engine.Seconds)} messages/s");
        report.Figure("server-cpu-us-per-message", engineServer * 1e6 / engine.Messages, "µs",
            naive: Report.Format(naiveServer * 1e6 / naive.Messages), note: "the emulator's own CPU for the same read (warm-up included), not counted above");
    }

    private static string Spread(List<(ClientProbe.ProbeResult Result, double ServerCpuSeconds)> runs) =>
        $"{Report.Format(runs.Min(r => r.Result.CpuSeconds * 1e6 / r.Result.Messages))}–{Report.Format(runs.Max(r => r.Result.CpuSeconds * 1e6 / r.Result.Messages))} µs";

    private static async Task<(ClientProbe.ProbeResult Result, double ServerCpuSeconds)> MeasureAsync(EmulatorProcess emulator, string client, DateTimeOffset from, DateTimeOffset to)
    {
        var before = await emulator.CountsAsync().ConfigureAwait(false);
        var result = await ClientProbe.RunAsync(emulator.Endpoint, new ClientProbe.ProbeRequest(client, from, to, WarmUp: true)).ConfigureAwait(false);
        var after = await emulator.CountsAsync().ConfigureAwait(false);
        return (result, after.CpuSeconds - before.CpuSeconds);
    }
}

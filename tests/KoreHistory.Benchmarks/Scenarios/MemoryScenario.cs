using System.Globalization;

namespace KoreHistory.Benchmarks.Scenarios;

// Memory of the engine: stream 100,000 and 1,000,000 messages (8 a session, about 2,700 a day) in a child process
// each (ClientProbe), so the peak working set and managed heap are that read's alone; the naive client the same way.
internal sealed class MemoryScenario : IScenario
{
    private const double Mib = 1024.0 * 1024.0;

    public string Name => "memory";

    public async Task RunAsync(Report report)
    {
        var small = await MeasureAsync(new EmulatorSetup(Sessions: 12_500, Days: 37, MessagesPerSession: 8, PerMinute: EmulatorSetup.Unbound, PerHour: EmulatorSetup.Unbound, LatencyMs: 0)).ConfigureAwait(false);
        var large = await MeasureAsync(new EmulatorSetup(Sessions: 125_000, Days: 365, MessagesPerSession: 8, PerMinute: EmulatorSetup.Unbound, PerHour: EmulatorSetup.Unbound, LatencyMs: 0)).ConfigureAwait(false);

        report.Figure("messages-100k", small.Engine.Messages, "", naive: small.Naive.Messages.ToString(CultureInfo.InvariantCulture),
            goal: "the same count", met: small.Engine.Messages == small.Naive.Messages);
        report.Figure("peak-working-set-100k", small.Engine.PeakWorkingSetBytes / Mib, "MiB", naive: Report.Format(small.Naive.PeakWorkingSetBytes / Mib),
            note: $"peak managed heap {Report.Format(small.Engine.PeakManagedBytes / Mib)} MiB; {Report.Format(small.Engine.Seconds)} s");
        report.Figure("messages-1m", large.Engine.Messages, "", naive: large.Naive.Messages.ToString(CultureInfo.InvariantCulture),
            goal: "the same count", met: large.Engine.Messages == large.Naive.Messages);
        var peak = large.Engine.PeakWorkingSetBytes / Mib;
        report.Figure("peak-working-set-1m", peak, "MiB", naive: Report.Format(large.Naive.PeakWorkingSetBytes / Mib),
            note: $"peak managed heap {Report.Format(large.Engine.PeakManagedBytes / Mib)} MiB; {Report.Format(large.Engine.Seconds)} s", goal: "< 150", met: peak < 150);
        var growth = (double)large.Engine.PeakWorkingSetBytes / small.Engine.PeakWorkingSetBytes - 1;
        report.Figure("growth-100k-to-1m", growth * 100, "%", goal: "≤ 20", met: growth <= 0.20);
    }

    private static async Task<(ClientProbe.ProbeResult Engine, ClientProbe.ProbeResult Naive)> MeasureAsync(EmulatorSetup setup)
    {
        using var emulator = await EmulatorProcess.StartAsync(setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(setup.Days + 1);
        var engine = await ClientProbe.RunAsync(emulator.Endpoint, new ClientProbe.ProbeRequest("engine", from, to)).ConfigureAwait(false);
        var naive = await ClientProbe.RunAsync(emulator.Endpoint, new ClientProbe.ProbeRequest("naive", from, to)).ConfigureAwait(false);
        return (engine, naive);
    }
}

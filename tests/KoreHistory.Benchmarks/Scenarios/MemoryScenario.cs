using System.Globalization;

namespace KoreHistory.Benchmarks.Scenarios;

// 4. Memory: stream 1,000,000 messages (and 100,000 at the same density, 8 messages a session over the days)
// in a child process each; the peak working set is that process's own.
internal sealed class MemoryScenario : IScenario
{
    private const double Mib = 1024.0 * 1024.0;

    public string Name => "memory";

    public async Task RunAsync(Report report)
    {
        var small = await MeasureAsync(new EmulatorSetup(Sessions: 12_500, Days: 37, MessagesPerSession: 8, PerMinute: 10_000_000, PerHour: 100_000_000, LatencyMs: 0)).ConfigureAwait(false);
        var large = await MeasureAsync(new EmulatorSetup(Sessions: 125_000, Days: 365, MessagesPerSession: 8, PerMinute: 10_000_000, PerHour: 100_000_000, LatencyMs: 0)).ConfigureAwait(false);

        report.Figure("messages-100k", small.Engine.Messages, "", naive: small.Naive.Messages.ToString(CultureInfo.InvariantCulture),
            goal: "the same count", met: small.Engine.Messages == small.Naive.Messages);
        report.Figure("peak-working-set-100k", small.Engine.PeakWorkingSetBytes / Mib, "MiB", naive: Report.Format(small.Naive.PeakWorkingSetBytes / Mib),
            note: $"{Report.Format(small.Engine.Seconds)} s");
        report.Figure("messages-1m", large.Engine.Messages, "", naive: large.Naive.Messages.ToString(CultureInfo.InvariantCulture),
            goal: "the same count", met: large.Engine.Messages == large.Naive.Messages);
        var peak = large.Engine.PeakWorkingSetBytes / Mib;
        report.Figure("peak-working-set-1m", peak, "MiB", naive: Report.Format(large.Naive.PeakWorkingSetBytes / Mib),
            note: $"{Report.Format(large.Engine.Seconds)} s", goal: "< 150", met: peak < 150);
        var growth = (double)large.Engine.PeakWorkingSetBytes / small.Engine.PeakWorkingSetBytes - 1;
        report.Figure("growth-100k-to-1m", growth * 100, "%", goal: "≤ 20", met: growth <= 0.20);
    }

    private static async Task<(MemoryProbe.Result Engine, MemoryProbe.Result Naive)> MeasureAsync(EmulatorSetup setup)
    {
        using var emulator = await EmulatorProcess.StartAsync(setup).ConfigureAwait(false);
        var engine = await MemoryProbe.RunAsync(emulator, "engine", setup.Days).ConfigureAwait(false);
        var naive = await MemoryProbe.RunAsync(emulator, "naive", setup.Days).ConfigureAwait(false);
        return (engine, naive);
    }
}

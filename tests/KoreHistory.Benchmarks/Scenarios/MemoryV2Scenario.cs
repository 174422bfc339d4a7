namespace KoreHistory.Benchmarks.Scenarios;

// Memory of `Get-KoreMessage -UseMessagesV2 | Measure-Object` in pwsh (pages of up to 10,000 messages), at the density
// of the memory scenario (8 a session, about 2,700 a day): the pwsh process's peak working set, and its working set
// after Import-Module, Connect-KoreBot and a warm-up read, before the measured one. Goals: a streaming read's
// memory does not depend on how many messages pass through it, so the peak stays within 20 % of the 100,000-message
// peak (the engine's own memory goal) at 200,000 and 1,000,000 messages; and what the read adds to pwsh stays
// under 150 MiB, the ceiling issue 16 sets for a whole read (the soak).
// Issue 16 measured 375–499 MiB at 100k–200k and 565–659 MiB at 1M.
internal sealed class MemoryV2Scenario : IScenario
{
    private const double Mib = 1024.0 * 1024.0;

    // Label, sessions, days: 100k, 200k and 1M messages at the same density.
    private static readonly (string Label, int Sessions, int Days)[] Sizes = [("100k", 12_500, 37), ("200k", 25_000, 74), ("1m", 125_000, 365)];

    public string Name => "memory-v2";

    public async Task RunAsync(Report report)
    {
        var runs = new List<(string Label, PowerShellRun Run)>();
        foreach (var (label, sessions, days) in Sizes)
        {
            runs.Add((label, await MeasureAsync(sessions, days).ConfigureAwait(false)));
        }

        foreach (var (label, run) in runs)
        {
            var peak = run.PeakWorkingSetBytes / Mib;
            var before = run.WorkingSetBeforeBytes / Mib;
            report.Figure($"peak-working-set-{label}", peak, "MiB",
                note: $"{run.Objects} messages in {Report.Format(run.Seconds)} s; pwsh before the read {Report.Format(before)} MiB");
            report.Figure($"read-adds-{label}", peak - before, "MiB", goal: "< 150", met: peak - before < 150);
        }

        var smallest = runs[0].Run.PeakWorkingSetBytes;
        foreach (var (label, run) in runs.Skip(1))
        {
            var growth = (double)run.PeakWorkingSetBytes / smallest - 1;
            report.Figure($"growth-100k-to-{label}", growth * 100, "%", goal: "≤ 20", met: growth <= 0.20);
        }
    }

    private static async Task<PowerShellRun> MeasureAsync(int sessions, int days)
    {
        using var emulator = await EmulatorProcess.StartAsync(new EmulatorSetup(sessions, days, 8, EmulatorSetup.Unbound, EmulatorSetup.Unbound, LatencyMs: 0)).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(days + 1);
        return await PowerShellProcess.MeasureAsync(emulator.Endpoint,
        [
            "-ManifestPath", PowerShellProcess.ModuleManifest, "-RequestsPerMinute", "1000000", "-RequestsPerHour", "10000000",
            "-FromUtc", IsoTime.Format(from), "-ToUtc", IsoTime.Format(to), "-CountObjects",
            "-WarmUp", "Get-KoreMessage -From $To.AddHours(-1) -To $To -UseMessagesV2 | Out-Null",
            "-Command", "Get-KoreMessage -From $From -To $To -UseMessagesV2",
        ]).ConfigureAwait(false);
    }
}

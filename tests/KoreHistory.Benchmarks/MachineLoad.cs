using System.Globalization;

namespace KoreHistory.Benchmarks;

// The machine's load around one scenario, from /proc (Linux): the load averages, and how many cores were busy,
// split into this benchmark's processes (itself and every child it has waited for: emulator, pwsh, probes) and
// everything else. Other work on the cores makes wall-clock figures slower; CPU-time figures are hurt far less.
internal sealed record MachineLoad(string LoadAverages, long BusyTicks, long TotalTicks, long OwnTicks, DateTime Taken)
{
    public static MachineLoad? Sample()
    {
        try
        {
            var loadAverages = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
            var idle = cpu[3] + cpu[4];
            var total = cpu.Sum();
            // utime, stime, cutime, cstime: fields 14-17, counted after the ")" that ends the command name.
            var self = File.ReadAllText("/proc/self/stat");
            var fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');
            var own = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
            return new MachineLoad(loadAverages, total - idle, total, own, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    // e.g. "load 0.90 1.20 0.77" (the 1, 5 and 15 minute load averages)
    public static string Describe(MachineLoad? now) => now is null ? "not available (no /proc)" : $"load {now.LoadAverages}";

    // e.g. "load 0.90 1.20 0.77 → 1.95 1.40 0.85; cores busy 1.62 of 2 (benchmark 1.10, others 0.52) over 41 s"
    public static string Describe(MachineLoad? before, MachineLoad? after)
    {
        if (before is null || after is null)
        {
            return "not available (no /proc)";
        }

        var seconds = (after.Taken - before.Taken).TotalSeconds;
        if (seconds <= 0 || after.TotalTicks <= before.TotalTicks)
        {
            return $"load {before.LoadAverages} → {after.LoadAverages}";
        }

        // Ticks summed over all cores: busy cores = busy ticks ÷ (wall ticks).
        var wallTicks = (after.TotalTicks - before.TotalTicks) / (double)Environment.ProcessorCount;
        var busy = (after.BusyTicks - before.BusyTicks) / wallTicks;
        var own = Math.Min(busy, (after.OwnTicks - before.OwnTicks) / wallTicks);
        return $"load {before.LoadAverages} → {after.LoadAverages}; cores busy {busy:0.00} of {Environment.ProcessorCount} " +
            $"(benchmark {own:0.00}, others {busy - own:0.00}) over {seconds:0} s";
    }

    // Cores busy with other work during the span: above about half a core, wall-clock figures are suspect.
    public static double Others(MachineLoad? before, MachineLoad? after)
    {
        if (before is null || after is null || after.TotalTicks <= before.TotalTicks)
        {
            return 0;
        }

        var wallTicks = (after.TotalTicks - before.TotalTicks) / (double)Environment.ProcessorCount;
        return Math.Max(0, ((after.BusyTicks - before.BusyTicks) - (after.OwnTicks - before.OwnTicks)) / wallTicks);
    }
}

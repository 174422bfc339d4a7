using System.Globalization;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// A day's export at the API's real limits (60 requests a minute, 1,800 an hour) with both windows shortened by the
// same factor, and the server latency with them, so pacing shows in seconds: `Get-KoreMessage | Export-Csv` in
// pwsh (its connection paced with the same shortened windows) against the hand-written script (which sleeps one
// shortened minute after a 429), each from a fresh budget. The bound is the true bound of a rolling-window limiter
// (RateLimitBound: the first window's burst included). `rate-bound` lets the minute window bind;
// `rate-bound-hour` (opt-in, a few minutes) reads more than 1,800 requests' worth, so the hour window binds too.
internal sealed class RateBoundScenario : IScenario
{
    private const int PerMinute = 60;
    private const int PerHour = 1800;
    private readonly EmulatorSetup setup;

    private RateBoundScenario(string name, bool optIn, EmulatorSetup setup)
    {
        Name = name;
        OptIn = optIn;
        this.setup = setup;
    }

    public string Name { get; }

    public bool OptIn { get; }

    // 30,000 messages (300 requests), windows of 5 s and 300 s (1/12 of the real ones), 50 ms latency (600 ms at scale).
    public static RateBoundScenario MinuteBinds { get; } = new("rate-bound", optIn: false,
        new EmulatorSetup(Sessions: 3750, Days: 1, MessagesPerSession: 8, PerMinute, PerHour, LatencyMs: 50, MinuteWindowSeconds: 5, HourWindowSeconds: 300));

    // 210,000 messages (2,100 requests), windows of 1 s and 60 s (1/60), 10 ms latency (600 ms at scale).
    public static RateBoundScenario HourBinds { get; } = new("rate-bound-hour", optIn: true,
        new EmulatorSetup(Sessions: 26_250, Days: 1, MessagesPerSession: 8, PerMinute, PerHour, LatencyMs: 10, MinuteWindowSeconds: 1, HourWindowSeconds: 60));

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(1);
        long total;
        using (var connection = Engine.Connect(emulator, setup))
        {
            total = await connection.GetMessages(new KoreMessageQuery { From = from, To = to }).GetTotalCountAsync().ConfigureAwait(false);
        }

        var needed = (int)Math.Ceiling(total / 100.0);
        var bound = RateLimitBound.Of(needed, PerMinute, setup.MinuteWindow, PerHour, setup.HourWindow, TimeSpan.FromMilliseconds(setup.LatencyMs)).TotalSeconds;
        var steady = RateLimitBound.AtSteadyRate(needed, PerMinute, setup.MinuteWindow).TotalSeconds;
        var window = setup.MinuteWindowSeconds.ToString(CultureInfo.InvariantCulture);
        var csv = Path.Combine(Path.GetTempPath(), $"korehistory-bench-{Guid.NewGuid():n}.csv");
        var range = new[] { "-FromUtc", IsoTime.Format(from), "-ToUtc", IsoTime.Format(to), "-CsvPath", csv };
        try
        {
            await emulator.ResetAsync().ConfigureAwait(false);
            var module = await PowerShellProcess.MeasureAsync(emulator.Endpoint,
            [
                "-ManifestPath", PowerShellProcess.ModuleManifest, .. range,
                "-RequestsPerMinute", PerMinute.ToString(CultureInfo.InvariantCulture), "-RequestsPerHour", PerHour.ToString(CultureInfo.InvariantCulture),
                "-MinuteWindowSeconds", window, "-HourWindowSeconds", setup.HourWindowSeconds.ToString(CultureInfo.InvariantCulture),
                "-Command", "Get-KoreMessage -From $From -To $To | Export-Csv -LiteralPath $CsvPath -NoTypeInformation",
            ]).ConfigureAwait(false);
            var moduleCounts = await emulator.CountsAsync(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);

            await emulator.ResetAsync().ConfigureAwait(false);
            var script = await PowerShellProcess.MeasureAsync(emulator.Endpoint,
            [
                .. range,
                "-Command", "& $HandWritten -BaseUri $env:KORE_BASE_URI -BotId $env:KORE_BOT_ID -ClientId $env:KORE_CLIENT_ID -ClientSecret $Secret " +
                    $"-From $From -To $To -TooManyRequestsSleepSeconds {window} | Export-Csv -LiteralPath $CsvPath -NoTypeInformation",
            ]).ConfigureAwait(false);
            var scriptCounts = await emulator.CountsAsync(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);

            report.Figure("messages", total, "", note: $"{needed} pages of 100; limits {PerMinute} per {window} s and {PerHour} per {setup.HourWindowSeconds} s " +
                $"(the real minute and hour × {setup.MinuteWindowSeconds / 60:0.###}), server latency {setup.LatencyMs} ms");
            report.Figure("requests", moduleCounts.Requests, "", naive: scriptCounts.Requests.ToString(CultureInfo.InvariantCulture),
                note: "counted by the emulator, 429s included", goal: $"= {needed}", met: moduleCounts.Requests == needed);
            report.Figure("bound-seconds", bound, "s",
                note: $"true bound of the rolling windows, first burst included; requests ÷ rate would say {Report.Format(steady)} s");
            report.Figure("wall-seconds", module.Seconds, "s", naive: Report.Format(script.Seconds),
                goal: $"≤ {Report.Format(bound * 1.15)} (1.15 × bound)", met: module.Seconds <= bound * 1.15);
            report.Figure("ratio-to-bound", module.Seconds / bound, "×", naive: Report.Format(script.Seconds / bound));
            report.Figure("429s", moduleCounts.TooManyRequests, "", naive: scriptCounts.TooManyRequests.ToString(CultureInfo.InvariantCulture),
                goal: "0", met: moduleCounts.TooManyRequests == 0);
            report.Figure("speed-up", script.Seconds / module.Seconds, "×", note: "hand-written script's wall time ÷ the module's");
        }
        finally
        {
            File.Delete(csv);
        }
    }
}

using System.Diagnostics;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// 1. Day export: 20,000 messages in one day, 100 ms server latency, a limit of 1,200 requests a minute.
// The rate-limit bound is the requests needed at 100 messages a page divided by the allowed rate.
internal sealed class DayExportScenario : IScenario
{
    private static readonly EmulatorSetup Setup = new(Sessions: 2500, Days: 1, MessagesPerSession: 8, PerMinute: 1200, PerHour: 1_000_000, LatencyMs: 100);

    public string Name => "day-export";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(1);

        // Warm-up (JIT, connection) on a one-minute slice, not counted.
        using (var warm = Engine.Connect(emulator, Setup))
        {
            await foreach (var _ in warm.GetMessages(new KoreMessageQuery { From = to - TimeSpan.FromMinutes(1), To = to }).ConfigureAwait(false))
            {
            }
        }

        var naiveIds = new HashSet<string>(StringComparer.Ordinal);
        var naiveWatch = Stopwatch.StartNew();
        using var naive = new NaiveClient(emulator);
        await naive.ReadMessagesAsync(from, to, m => naiveIds.Add(m["_id"]!.GetValue<string>())).ConfigureAwait(false);
        var naiveSeconds = naiveWatch.Elapsed.TotalSeconds;

        var counter = new Engine.RequestCounter();
        var engineIds = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        using var connection = Engine.Connect(emulator, Setup);
        var watch = Stopwatch.StartNew();
        await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = from, To = to }, counter.Options).ConfigureAwait(false))
        {
            if (!engineIds.Add(message.MessageId))
            {
                duplicates++;
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var needed = Math.Ceiling(engineIds.Count / 100.0);
        var bound = needed / (Setup.PerMinute / 60.0);
        report.Figure("messages", engineIds.Count, "", naive: naiveIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            goal: "same messages as naive, no duplicate", met: engineIds.SetEquals(naiveIds) && duplicates == 0);
        report.Figure("requests", counter.Requests, "", naive: naive.Requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            note: $"needed: {needed:0}");
        report.Figure("wall-seconds", seconds, "s", naive: Report.Format(naiveSeconds),
            note: $"bound: {Report.Format(bound)}", goal: $"≤ {Report.Format(bound * 1.15)}", met: seconds <= bound * 1.15);
        report.Figure("speed-up", naiveSeconds / seconds, "×", goal: "≥ 1.8", met: naiveSeconds / seconds >= 1.8);
        report.Figure("429s", counter.TooManyRequests, "", naive: naive.TooManyRequests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            goal: "0", met: counter.TooManyRequests == 0);
    }
}

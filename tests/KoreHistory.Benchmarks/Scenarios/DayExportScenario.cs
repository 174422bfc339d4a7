using System.Diagnostics;
using System.Globalization;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// Day export at a limit that does not bind: 20,000 messages in one day, 100 ms server latency, 1,200 requests a
// minute. The ~197 requests fit in one minute's budget, so this read is bound by latency, not by the rate limit: its
// bound is the latency bound of a client that keeps MaxConcurrentRequests pages in flight (one server latency for
// the window's first page, which tells the total, then the other pages that many at a time: no client with that
// many in flight can be faster), and its speed-up over the sequential script is that concurrency, nothing more. Pacing at a binding limit is the rate-bound scenario's.
// Requests are the emulator's count.
internal sealed class DayExportScenario : IScenario
{
    private static readonly EmulatorSetup Setup = new(Sessions: 2500, Days: 1, MessagesPerSession: 8, PerMinute: 1200, PerHour: 1_000_000, LatencyMs: 100);

    public string Name => "day-export";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(1);
        using var naive = new NaiveClient(emulator.Endpoint);
        using var connection = Engine.Connect(emulator, Setup);

        // Warm-up (JIT, connections) on a one-minute slice, and the raw round trip of one full page, not counted.
        await foreach (var _ in connection.GetMessages(new KoreMessageQuery { From = to - TimeSpan.FromMinutes(1), To = to }).ConfigureAwait(false))
        {
        }

        var roundTrips = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            roundTrips.Add((await naive.TimeOneRequestAsync(from, to).ConfigureAwait(false)).TotalSeconds);
        }

        var roundTrip = roundTrips.Order().ElementAt(roundTrips.Count / 2);

        await emulator.ResetAsync().ConfigureAwait(false);
        var naiveIds = new HashSet<string>(StringComparer.Ordinal);
        var naiveWatch = Stopwatch.StartNew();
        await naive.ReadMessagesAsync(from, to, m => naiveIds.Add(m["_id"]!.GetValue<string>())).ConfigureAwait(false);
        var naiveSeconds = naiveWatch.Elapsed.TotalSeconds;
        var naiveCounts = await emulator.CountsAsync().ConfigureAwait(false);

        await emulator.ResetAsync().ConfigureAwait(false);
        var engineIds = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = from, To = to }).ConfigureAwait(false))
        {
            if (!engineIds.Add(message.MessageId))
            {
                duplicates++;
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var counts = await emulator.CountsAsync().ConfigureAwait(false);

        var needed = (int)Math.Ceiling(engineIds.Count / 100.0);
        var inFlight = connection.MaxConcurrentRequests;
        var rounds = 1 + (int)Math.Ceiling((needed - 1) / (double)inFlight);
        var bound = rounds * Setup.LatencyMs / 1000.0;
        report.Figure("messages", engineIds.Count, "", naive: naiveIds.Count.ToString(CultureInfo.InvariantCulture),
            goal: "same messages as naive, no duplicate", met: engineIds.SetEquals(naiveIds) && duplicates == 0);
        report.Figure("requests", counts.Requests, "", naive: naiveCounts.Requests.ToString(CultureInfo.InvariantCulture),
            note: $"counted by the emulator; {needed} pages of 100 needed; {needed} < {Setup.PerMinute} a minute, so the rate limit never binds",
            goal: $"= {needed}", met: counts.Requests == needed);
        report.Figure("round-trip-ms", roundTrip * 1000, "ms", note: $"median raw round trip of one 100-message page; the server's latency alone is {Setup.LatencyMs} ms");
        report.Figure("wall-seconds", seconds, "s", naive: Report.Format(naiveSeconds),
            note: $"latency bound with {inFlight} in flight: {rounds} × {Setup.LatencyMs} ms = {Report.Format(bound)} s",
            goal: $"≤ {Report.Format(bound * 1.15)} (1.15 × bound)", met: seconds <= bound * 1.15);
        report.Figure("speed-up-from-concurrency", naiveSeconds / seconds, "×",
            note: $"{inFlight} requests in flight against a sequential script; at most about {inFlight} ×, and says nothing about pacing");
        report.Figure("429s", counts.TooManyRequests, "", naive: naiveCounts.TooManyRequests.ToString(CultureInfo.InvariantCulture), goal: "0", met: counts.TooManyRequests == 0);

        // The same day through getMessagesV2 (-UseMessagesV2): up to 10,000 a request, alerts and actions left out.
        await emulator.ResetAsync().ConfigureAwait(false);
        var v2Messages = 0;
        var v2Watch = Stopwatch.StartNew();
        await foreach (var _ in connection.GetMessages(new KoreMessageQuery { From = from, To = to, UseMessagesV2 = true }).ConfigureAwait(false))
        {
            v2Messages++;
        }

        var v2Counts = await emulator.CountsAsync().ConfigureAwait(false);
        var v2Needed = (int)Math.Ceiling(v2Messages / 10_000.0);
        report.Figure("v2-requests", v2Counts.Requests, "",
            note: $"{v2Messages} messages without alerts and actions in {Report.Format(v2Watch.Elapsed.TotalSeconds)} s; {v2Needed} pages of 10,000 needed",
            goal: $"= {v2Needed}", met: v2Counts.Requests == v2Needed);
    }
}

using System.Diagnostics;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// 5. First result: from the call to the first message, against one raw round trip of the same page request.
// Medians of repeated runs on warm connections (a PowerShell session keeps its connection from Connect-KoreBot).
internal sealed class FirstResultScenario : IScenario
{
    private const int Runs = 25;
    private static readonly EmulatorSetup Setup = new(Sessions: 2500, Days: 1, MessagesPerSession: 8, PerMinute: 1_000_000, PerHour: 10_000_000, LatencyMs: 20);

    public string Name => "first-result";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(1);
        using var naive = new NaiveClient(emulator);
        using var connection = Engine.Connect(emulator, Setup);

        var roundTrips = new List<double>();
        var engine = new List<double>();
        var naiveFirst = new List<double>();
        for (var run = -3; run < Runs; run++)
        {
            var roundTrip = await naive.TimeOneRequestAsync(from, to).ConfigureAwait(false);

            var watch = Stopwatch.StartNew();
            var results = connection.GetMessages(new KoreMessageQuery { From = from, To = to });
            await using (var enumerator = results.GetAsyncEnumerator())
            {
                await enumerator.MoveNextAsync().ConfigureAwait(false);
            }

            var first = watch.Elapsed;

            watch.Restart();
            await naive.FirstMessageAsync(from, to).ConfigureAwait(false);
            var naiveTime = watch.Elapsed;
            if (run >= 0)
            {
                roundTrips.Add(roundTrip.TotalMilliseconds);
                engine.Add(first.TotalMilliseconds);
                naiveFirst.Add(naiveTime.TotalMilliseconds);
            }
        }

        var roundTripMs = Median(roundTrips);
        var firstMs = Median(engine);
        report.Figure("round-trip-ms", roundTripMs, "ms", note: $"server latency {Setup.LatencyMs} ms, raw request of the same page");
        report.Figure("first-message-ms", firstMs, "ms", naive: Report.Format(Median(naiveFirst)),
            goal: $"< {Report.Format(roundTripMs + 5)} (round trip + 5)", met: firstMs < roundTripMs + 5);
        report.Figure("overhead-ms", firstMs - roundTripMs, "ms", naive: Report.Format(Median(naiveFirst) - roundTripMs), goal: "< 5", met: firstMs - roundTripMs < 5);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

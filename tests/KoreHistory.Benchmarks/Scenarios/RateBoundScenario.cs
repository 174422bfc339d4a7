using System.Diagnostics;
using System.Globalization;
using System.Net;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// Pacing at a limit that binds: the day export of scenario 1 against 40 requests per 5 s rolling window (the
// emulator's minute window shortened so it takes seconds, not minutes). The engine must finish near the bound
// (requests ÷ allowed rate) with zero 429s. The naive script is not run to the end: after a 429 it sleeps 60 s.
internal sealed class RateBoundScenario : IScenario
{
    private static readonly EmulatorSetup Setup = new(Sessions: 2500, Days: 1, MessagesPerSession: 8, PerMinute: 40, PerHour: 1_000_000, LatencyMs: 100, MinuteWindowSeconds: 5);

    public string Name => "rate-bound";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(1);

        var counter = new Engine.RequestCounter();
        var messages = 0;
        using (var connection = Engine.Connect(emulator, Setup))
        {
            var watch = Stopwatch.StartNew();
            await foreach (var _ in connection.GetMessages(new KoreMessageQuery { From = from, To = to }, counter.Options).ConfigureAwait(false))
            {
                messages++;
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var needed = Math.Ceiling(messages / 100.0);
            var bound = needed / (Setup.PerMinute / Setup.MinuteWindowSeconds);
            report.Figure("requests", counter.Requests, "", note: $"needed: {needed:0}; {messages} messages");
            report.Figure("wall-seconds", seconds, "s", note: $"bound: {Report.Format(bound)}", goal: $"≤ {Report.Format(bound * 1.15)}", met: seconds <= bound * 1.15);
        }

        using var naive = new NaiveClient(emulator) { StopAtTooManyRequests = true };
        await Task.Delay(Setup.MinuteWindow).ConfigureAwait(false);
        try
        {
            await naive.ReadMessagesAsync(from, to, _ => { }).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.StatusCode == (HttpStatusCode)429)
        {
        }

        report.Figure("429s", counter.TooManyRequests, "",
            naive: naive.TooManyRequests == 0 ? "0" : $"first 429 at request {naive.Requests.ToString(CultureInfo.InvariantCulture)}, then a 60 s sleep",
            goal: "0", met: counter.TooManyRequests == 0);
    }
}

using System.Globalization;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// 2. Sessions to messages: 2,000 sessions of about 8 messages, piped session by session
// (Get-KoreSession | Get-KoreMessage: the cmdlet feeds each session to a KoreSessionBatcher).
internal sealed class SessionsToMessagesScenario : IScenario
{
    private static readonly EmulatorSetup Setup = new(Sessions: 2000, Days: 30, MessagesPerSession: 8, PerMinute: 1_000_000, PerHour: 10_000_000, LatencyMs: 0);

    public string Name => "sessions-to-messages";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(Setup.Days + 1);

        var naiveIds = new HashSet<string>(StringComparer.Ordinal);
        using var naive = new NaiveClient(emulator);
        var sessions = await naive.ReadSessionsAsync(from, to).ConfigureAwait(false);
        foreach (var session in sessions)
        {
            await naive.ReadSessionMessagesAsync(session, m => naiveIds.Add(m["_id"]!.GetValue<string>())).ConfigureAwait(false);
        }

        var counter = new Engine.RequestCounter();
        var engineIds = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var engineSessions = 0;
        using var connection = Engine.Connect(emulator, Setup);
        var batcher = new KoreSessionBatcher();
        async Task ReadAsync(KoreMessageQuery query)
        {
            await foreach (var message in connection.GetMessages(query, counter.Options).ConfigureAwait(false))
            {
                if (!engineIds.Add(message.MessageId))
                {
                    duplicates++;
                }
            }
        }

        await foreach (var session in connection.GetSessions(new KoreSessionQuery { From = from, To = to }, counter.Options).ConfigureAwait(false))
        {
            engineSessions++;
            if (batcher.Add(session.ToSpan()) is { } ready)
            {
                await ReadAsync(ready).ConfigureAwait(false);
            }
        }

        foreach (var rest in batcher.Flush())
        {
            await ReadAsync(rest).ConfigureAwait(false);
        }

        var fewer = (double)naive.Requests / counter.Requests;
        report.Figure("sessions", engineSessions, "", naive: sessions.Count.ToString(CultureInfo.InvariantCulture));
        report.Figure("messages", engineIds.Count, "", naive: naiveIds.Count.ToString(CultureInfo.InvariantCulture),
            goal: "the same messages, no duplicate", met: engineIds.SetEquals(naiveIds) && duplicates == 0);
        report.Figure("requests", counter.Requests, "", naive: naive.Requests.ToString(CultureInfo.InvariantCulture));
        report.Figure("fewer-requests", fewer, "×", goal: "≥ 8", met: fewer >= 8);
        report.Figure("429s", counter.TooManyRequests, "", naive: naive.TooManyRequests.ToString(CultureInfo.InvariantCulture));
    }
}

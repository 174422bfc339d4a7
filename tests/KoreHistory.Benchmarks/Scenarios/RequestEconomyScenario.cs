using System.Globalization;
using System.Text.Json.Nodes;

namespace KoreHistory.Benchmarks.Scenarios;

// Issue 16's table: each command typed as a user types it, in a fresh pwsh against the emulator, the requests it
// sends counted by the emulator, against what a perfect client sends. The data: 30,000 sessions of about 8 messages
// over 30 days, about 8,000 messages in any day, so every -Skip and -First below lands inside the last day. Goal:
// the perfect count (a range where the issue allows one more request to learn a window's total), and the number of
// objects the command should write.
internal sealed class RequestEconomyScenario : IScenario
{
    private static readonly EmulatorSetup Setup = new(Sessions: 30_000, Days: 30, MessagesPerSession: 8, PerMinute: EmulatorSetup.Unbound, PerHour: EmulatorSetup.Unbound, LatencyMs: 0);

    public string Name => "request-economy";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var (sessionId, sessionFrom, sessionTo, sessionMessages) = await PickSessionAsync(emulator).ConfigureAwait(false);
        Row[] rows =
        [
            new("first-101", "Get-KoreMessage -From (Get-Date).AddDays(-1) -First 101", 2, 2, 101,
                "a page of 100, then one more page for the 101st"),
            new("select-first-150", "Get-KoreMessage -From (Get-Date).AddDays(-1) | Select-Object -First 150", 2, 2, 150,
                "two pages of 100; Select-Object stops the read after 150"),
            new("first-1000", "Get-KoreMessage -From (Get-Date).AddDays(-1) -First 1000", 10, 10, 1000,
                "ten full pages"),
            new("skip-1000-first-10", "Get-KoreMessage -From (Get-Date).AddDays(-1) -Skip 1000 -First 10", 1, 2, 10,
                "one request, skip 1000 limit 10, in the day's only window; +1 to learn its total"),
            new("skip-5000-first-100", "Get-KoreMessage -From (Get-Date).AddDays(-1) -Skip 5000 -First 100", 1, 2, 100,
                "one request, skip 5000 limit 100, in the day's only window; +1 to learn its total"),
            new("sessions-first-5", "Get-KoreSession -From (Get-Date).AddDays(-30) | Get-KoreMessage -First 5", 2, 2, 5,
                "one getSessions page, then one getMessages for the first sessions (they hold 5 messages)"),
            new("session-id-with-dates", "Get-KoreMessage -SessionId $SessionId -From $From -To $To", 1, 1, sessionMessages,
                $"the dates are given, so no getSessions look-up: one getMessages for the session's {sessionMessages} messages"),
        ];

        var perfect = 0;
        foreach (var row in rows)
        {
            await emulator.ResetAsync().ConfigureAwait(false);
            var run = await PowerShellProcess.MeasureAsync(emulator.Endpoint,
            [
                "-ManifestPath", PowerShellProcess.ModuleManifest, "-RequestsPerMinute", "1000000", "-RequestsPerHour", "10000000",
                "-SessionId", sessionId, "-FromUtc", IsoTime.Format(sessionFrom), "-ToUtc", IsoTime.Format(sessionTo),
                "-CountObjects", "-Command", row.Command,
            ]).ConfigureAwait(false);
            var counts = await emulator.CountsAsync(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);
            var goal = row.Least == row.Most ? $"= {row.Least}" : $"{row.Least}–{row.Most}";
            var met = counts.Requests >= row.Least && counts.Requests <= row.Most && run.Objects == row.Objects;
            if (met)
            {
                perfect++;
            }

            report.Figure(row.Name, counts.Requests, "requests",
                note: $"`{row.Command}`: {counts.Breakdown}, {run.Objects} objects; perfect {goal}: {row.Reason}",
                goal: $"{goal} requests and {row.Objects} objects", met: met);
        }

        report.Figure("rows-at-perfect", perfect, $"of {rows.Length}", goal: $"{rows.Length}", met: perfect == rows.Length);
    }

    // A session of the last day with a few messages (its id, a range around it, its message count), read before the
    // counted runs by the naive client.
    private static async Task<(string Id, DateTimeOffset From, DateTimeOffset To, int Messages)> PickSessionAsync(EmulatorProcess emulator)
    {
        using var naive = new NaiveClient(emulator.Endpoint);
        var to = DateTimeOffset.UtcNow;
        var sessions = await naive.ReadSessionsAsync(to - TimeSpan.FromHours(2), to).ConfigureAwait(false);
        foreach (var session in sessions)
        {
            var messages = 0;
            await naive.ReadSessionMessagesAsync(session, _ => messages++).ConfigureAwait(false);
            if (messages >= 4)
            {
                var start = DateTimeOffset.Parse(Text(session, "start_time"), CultureInfo.InvariantCulture);
                var end = DateTimeOffset.Parse(Text(session, "end_time"), CultureInfo.InvariantCulture);
                return (Text(session, "sessionId"), start - TimeSpan.FromHours(1), end + TimeSpan.FromHours(1), messages);
            }
        }

        throw new InvalidOperationException("No session of the last two hours has 4 messages or more.");
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    private sealed record Row(string Name, string Command, int Least, int Most, int Objects, string Reason);
}

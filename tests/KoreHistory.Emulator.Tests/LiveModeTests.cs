using System.Text.Json;

namespace KoreHistory.Emulator.Tests;

// The live mode (issue 14): new conversations while the emulator runs, some messages late, and a ground truth to
// compare an export with.
public sealed class LiveModeTests
{
    [Fact]
    public async Task The_live_mode_writes_new_sessions_and_late_messages_and_the_ground_truth_route_lists_them_all()
    {
        var options = new EmulatorOptions { Sessions = 20, Days = 1, PerMinute = 1_000_000, PerHour = 10_000_000 };
        options.Live.MessagesPerSecond = 400;
        options.Live.LateShare = 0.5;
        options.Live.LateMax = TimeSpan.FromSeconds(2);
        // Before the start: the live mode begins writing as the server starts.
        var started = DateTimeOffset.UtcNow;
        await using var server = await EmulatorServer.StartAsync(options);

        await WaitUntilAsync(() => server.LiveMessagesWritten >= 300);

        var (sessions, messages) = server.Data.GroundTruth(server.Options.BotId);
        var liveSessions = sessions.Where(s => s.Start >= started.AddMilliseconds(-1)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var live = messages.Where(m => liveSessions.Contains(m.SessionId)).ToList();
        Assert.True(live.Count >= 300, $"{live.Count} live messages");
        Assert.True(liveSessions.Count >= 10, $"{liveSessions.Count} live sessions");
        // Late: written with a time in the past, so some come before the start of the session they were written to.
        var starts = sessions.ToDictionary(s => s.Id, s => s.Start, StringComparer.Ordinal);
        var late = live.Where(m => m.Time < starts[m.SessionId]).ToList();
        Assert.NotEmpty(late);

        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/emulator/ground-truth", UriKind.Relative)));
        var routeIds = document.RootElement.GetProperty("messages").EnumerateArray().Select(m => m[0].GetString()!).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(messages.Select(m => m.Id).ToHashSet(StringComparer.Ordinal), routeIds);
        Assert.Equal(server.Options.BotId, document.RootElement.GetProperty("botId").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/emulator/ground-truth?botId=st-nobody", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task What_the_api_answers_for_a_closed_window_of_the_live_history_is_exactly_the_ground_truth()
    {
        var options = new EmulatorOptions { Sessions = 20, Days = 1, PerMinute = 1_000_000, PerHour = 10_000_000 };
        options.Live.MessagesPerSecond = 300;
        options.Live.LateMax = TimeSpan.FromMilliseconds(500);
        await using var server = await EmulatorServer.StartAsync(options);
        using var api = new Api(server);
        await WaitUntilAsync(() => server.LiveMessagesWritten >= 200);
        // Closed once LateMax has passed: nothing is written before `to` any more. To the millisecond, as dateTo is sent
        // (a message in the millisecond of a finer `to` would be in the ground truth below but not in the window asked).
        var to = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await Task.Delay(options.Live.LateMax + TimeSpan.FromMilliseconds(200));
        var from = to.AddMinutes(-5);

        var answered = new List<string>();
        for (var skip = 0; ; skip += 100)
        {
            var page = await api.Messages(new { dateFrom = Json.Iso(from), dateTo = Json.Iso(to), skip, limit = 100, forward = true });
            var ids = page.Ids("messages", "_id");
            answered.AddRange(ids);
            if (ids.Count < 100)
            {
                break;
            }
        }

        var truth = server.Data.GroundTruth(server.Options.BotId).Messages.Where(m => m.Time >= from && m.Time < to).Select(m => m.Id);
        Assert.Equal(truth.Order(StringComparer.Ordinal), answered.Order(StringComparer.Ordinal));
        Assert.True(answered.Count >= 100, $"{answered.Count} messages");
    }

    [Fact]
    public void The_live_mode_cannot_run_on_a_pinned_clock_and_its_options_are_checked()
    {
        var pinned = new EmulatorOptions { Now = DateTimeOffset.UtcNow };
        pinned.Live.MessagesPerSecond = 1;
        Assert.Contains("pinned Now", Assert.Throws<ArgumentException>(pinned.Validate).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--live-late-share", "2"]));
        var parsed = EmulatorCommandLine.Parse(["--live-rate", "25", "--live-late-max-seconds", "3"]);
        Assert.Equal(25, parsed.Live.MessagesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(3), parsed.Live.LateMax);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the live mode wrote too little in 30 s");
            await Task.Delay(50);
        }
    }
}

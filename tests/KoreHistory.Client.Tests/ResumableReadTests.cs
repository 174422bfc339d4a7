using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests;

// The resumable read behind Export-KoreHistory: stopped after any page, resumed from its checkpoint (through its
// token, as another process would), it hands over every record of the range once. Its own emulator per test: some
// add messages to the ground truth.
public sealed class ResumableReadTests
{
    private static readonly DateTimeOffset From = EmulatorFixtureBase.Now.AddDays(-4);
    private static readonly DateTimeOffset To = EmulatorFixtureBase.Now;

    [Fact]
    public async Task A_read_stopped_after_every_page_and_resumed_from_its_token_hands_over_every_message_once()
    {
        await using var running = await SmallHistory.StartAsync();
        var emulator = running.Emulator;
        var truth = emulator.MessagesBetween(From, To, oldestFirst: true).Select(m => m.MessageId).ToList();
        using var connection = emulator.Connect();
        var exported = new List<string>();
        string? token = null;
        var resumes = 0;

        while (true)
        {
            var checkpoint = token is null ? null : KoreReadCheckpoint.Parse(token);
            var read = connection.ResumeMessages(new KoreMessageQuery { From = From, To = To, PageSize = 7 }, checkpoint);
            var page = await FirstPageAsync(read);
            if (page is null)
            {
                Assert.Equal(To.UtcDateTime, read.Checkpoint.Through);
                break;
            }

            exported.AddRange(page.Items.Select(m => m.MessageId));
            token = page.Checkpoint.ToString();
            resumes++;
        }

        Assert.True(resumes > 10, $"only {resumes} pages");
        Assert.Equal(truth, exported);
    }

    [Fact]
    public async Task Messages_written_near_the_checkpoint_between_two_runs_are_handed_over_once_and_none_is_lost()
    {
        await using var running = await SmallHistory.StartAsync();
        var emulator = running.Emulator;
        var session = emulator.Data.Sessions.Last(s => s.BotId == emulator.BotId);
        using var connection = emulator.Connect();
        var exported = new List<string>();
        KoreReadCheckpoint? checkpoint = null;

        while (true)
        {
            var read = connection.ResumeMessages(new KoreMessageQuery { From = From, To = To, PageSize = 10 }, checkpoint);
            var page = await FirstPageAsync(read);
            if (page is null)
            {
                break;
            }

            exported.AddRange(page.Items.Select(m => m.MessageId));
            checkpoint = KoreReadCheckpoint.Parse(page.Checkpoint.ToString());

            // On the last time handed over, just before it and just after it: inside the band a resumed read reads again.
            var last = page.Items[^1].Time;
            if (last < To.UtcDateTime.AddSeconds(-10))
            {
                emulator.Data.AddMessage(session.SessionId, "same millisecond", at: last);
                emulator.Data.AddMessage(session.SessionId, "a second after", at: last.AddSeconds(1));
            }
        }

        var truth = emulator.MessagesBetween(From, To, oldestFirst: true).Select(m => m.MessageId).ToList();
        Assert.DoesNotContain(exported.GroupBy(id => id), g => g.Count() > 1);
        Assert.Equal(truth.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sessions_come_a_day_at_a_time_oldest_first_and_a_run_stopped_inside_a_day_reads_that_day_again()
    {
        await using var running = await SmallHistory.StartAsync();
        var emulator = running.Emulator;
        var truth = emulator.SessionsBetween(From, To, emulator.BotId).Select(s => s.SessionId).Reverse().ToList();
        using var connection = emulator.Connect();
        var exported = new List<string>();
        var checkpoints = new List<DateTime>();
        KoreReadCheckpoint? checkpoint = null;

        while (true)
        {
            var read = connection.ResumeSessions(new KoreSessionQuery { From = From, To = To }, checkpoint);
            var page = await FirstPageAsync(read);
            if (page is null)
            {
                break;
            }

            Assert.Equal(page.Items.OrderBy(s => s.StartTime).ThenBy(s => s.SessionId, StringComparer.Ordinal), page.Items);
            exported.AddRange(page.Items.Select(s => s.SessionId));
            checkpoint = KoreReadCheckpoint.Parse(page.Checkpoint.ToString());
            checkpoints.Add(checkpoint.Through);
        }

        Assert.Equal(truth, exported);
        // From 12:00 four days before 12:00: the rest of the first day, three whole days, the morning of the last.
        Assert.Equal(
            [From.UtcDateTime.Date.AddDays(1), From.UtcDateTime.Date.AddDays(2), From.UtcDateTime.Date.AddDays(3), From.UtcDateTime.Date.AddDays(4), To.UtcDateTime],
            checkpoints);
    }

    [Fact]
    public async Task A_spent_request_budget_stops_the_read_after_exactly_its_requests_and_the_next_read_continues()
    {
        await using var running = await SmallHistory.StartAsync();
        var emulator = running.Emulator;
        var truth = emulator.MessagesBetween(From, To, oldestFirst: true).Select(m => m.MessageId).ToList();
        using var connection = emulator.Connect();
        var budget = new KoreRequestBudget(5);
        var read = connection.ResumeMessages(new KoreMessageQuery { From = From, To = To, PageSize = 10 }, null, new KoreReadOptions { RequestBudget = budget });
        var exported = new List<string>();
        emulator.Server.Stats.Reset();

        await Assert.ThrowsAsync<KoreRequestBudgetSpentException>(async () =>
        {
            await foreach (var page in read.ReadPagesAsync())
            {
                exported.AddRange(page.Items.Select(m => m.MessageId));
            }
        });

        Assert.Equal(5, emulator.Server.Stats.TotalRequests);
        Assert.Equal(truth.Take(exported.Count), exported);
        Assert.InRange(exported.Count, 10, 50);

        var rest = connection.ResumeMessages(new KoreMessageQuery { From = From, To = To, PageSize = 10 }, read.Checkpoint);
        await foreach (var page in rest.ReadPagesAsync())
        {
            exported.AddRange(page.Items.Select(m => m.MessageId));
        }

        Assert.Equal(truth, exported);
    }

    [Fact]
    public void A_checkpoint_token_round_trips_and_anything_else_is_refused_clearly()
    {
        var checkpoint = new KoreReadCheckpoint(new DateTime(2026, 11, 29, 10, 0, 0, 123, DateTimeKind.Utc));
        Assert.Equal(checkpoint, KoreReadCheckpoint.Parse(checkpoint.ToString()));
        Assert.Equal("{\"v\":1,\"through\":\"2026-11-29T10:00:00.123Z\",\"ids\":[]}", checkpoint.ToString());

        foreach (var bad in new[] { "", "{}", "[1]", "{\"v\":2,\"through\":\"2026-11-29T10:00:00.123Z\"}", "{\"v\":1,\"through\":\"yesterday\"}", "not json" })
        {
            var error = Assert.Throws<KoreValidationException>(() => KoreReadCheckpoint.Parse(bad));
            Assert.StartsWith("The read checkpoint cannot be read", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_resumable_read_without_To_or_by_session_id_is_refused_before_any_request()
    {
        await using var running = await SmallHistory.StartAsync();
        var emulator = running.Emulator;
        using var connection = emulator.Connect();
        emulator.Server.Stats.Reset();

        Assert.Equal("To", Assert.Throws<KoreValidationException>(() => connection.ResumeMessages(new KoreMessageQuery { From = From }, null)).ParameterName);
        Assert.Equal("From", Assert.Throws<KoreValidationException>(() => connection.ResumeSessions(new KoreSessionQuery { To = To }, null)).ParameterName);
        Assert.Equal("SessionIds", Assert.Throws<KoreValidationException>(() => connection.ResumeMessages(new KoreMessageQuery { From = From, To = To, SessionIds = ["x"] }, null)).ParameterName);
        Assert.Equal(0, emulator.Server.Stats.TotalRequests);
        await Task.CompletedTask;
    }

    // The first page of a read, the read then stopped (as a killed run stops); null when the read has nothing left.
    private static async Task<KoreCheckpointedPage<T>?> FirstPageAsync<T>(KoreResumableRead<T> read)
    {
        await foreach (var page in read.ReadPagesAsync())
        {
            return page;
        }

        return null;
    }

    // Stops the emulator when the test ends.
    private sealed class Running(SmallHistory emulator) : IAsyncDisposable
    {
        public SmallHistory Emulator => emulator;

        public async ValueTask DisposeAsync() => await emulator.DisposeAsync();
    }

    private sealed class SmallHistory : EmulatorFixtureBase
    {
        public static async Task<Running> StartAsync()
        {
            var fixture = new SmallHistory();
            await fixture.InitializeAsync();
            return new Running(fixture);
        }

        protected override void Configure(EmulatorOptions options)
        {
            options.Sessions = 40;
            options.Days = 6;
            options.MessagesPerSession = 4;
        }
    }
}

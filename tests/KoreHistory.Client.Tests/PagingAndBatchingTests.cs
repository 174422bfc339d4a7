using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests;

public sealed class PagingAndBatchingTests : IClassFixture<ReadingEmulator>
{
    private readonly ReadingEmulator emulator;

    public PagingAndBatchingTests(ReadingEmulator emulator)
    {
        this.emulator = emulator;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(250)]
    public async Task Page_boundaries_return_every_message_once_in_the_fewest_requests(int count)
    {
        var (from, to) = RangeWith(count);
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var routeBefore = emulator.Server.Stats.RequestsTo(EmulatorRoutes.BotMessages);

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = to }, log.Options).CollectAsync();

        Assert.Equal(count, messages.Count);
        Assert.Equal(emulator.MessagesBetween(from, to).Select(m => m.MessageId), messages.Select(m => m.MessageId));
        var expectedRequests = Math.Max(1, (int)Math.Ceiling(count / 100.0));
        Assert.Equal(expectedRequests, log.Entries.Count);
        // Pages read ahead may answer in any order; each offset is asked for exactly once.
        Assert.Equal(Enumerable.Range(0, expectedRequests).Select(i => i * 100), log.Entries.Select(e => ConcurrentReadingTests.SkipOf(e.Body!)).Order());
        Assert.True(emulator.Server.Stats.RequestsTo(EmulatorRoutes.BotMessages) - routeBefore >= expectedRequests);
    }

    [Fact]
    public async Task A_smaller_page_size_advances_skip_by_what_each_page_returned()
    {
        var (from, to) = RangeWith(23);
        using var connection = emulator.Connect(s => s.MaxConcurrentRequests = 1);
        var log = new RequestRecorder();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = to, PageSize = 10 }, log.Options).CollectAsync();

        Assert.Equal(23, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(3, log.Entries.Count);
        Assert.Contains("\"skip\":20,\"limit\":10", log.Entries[2].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(51)]
    [InlineData(1000)]
    public async Task Piped_sessions_are_read_in_batches_of_at_most_fifty_at_the_cost_of_their_messages(int sessionCount)
    {
        using var connection = emulator.Connect();
        var sessions = (await connection.GetSessions(new KoreSessionQuery { From = ReadingEmulator.Now.AddDays(-100), To = ReadingEmulator.Now }).CollectAsync())
            .Take(sessionCount).ToList();
        Assert.Equal(sessionCount, sessions.Count);
        var batcher = new KoreSessionBatcher();
        var queries = sessions.Select(s => batcher.Add(s.ToSpan())).OfType<KoreMessageQuery>().ToList();
        queries.AddRange(batcher.Flush());
        var log = new RequestRecorder();

        var messages = new List<KoreMessage>();
        foreach (var query in queries)
        {
            messages.AddRange(await connection.GetMessages(query, log.Options).CollectAsync());
        }

        var ids = sessions.Select(s => s.SessionId).ToHashSet();
        var expected = emulator.Data.Messages(emulator.BotId).Where(m => ids.Contains(m.SessionId)).ToList();
        Assert.Equal(expected.Select(m => m.MessageId).Order(StringComparer.Ordinal), messages.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(queries, q => Assert.InRange(q.SessionIds!.Count, 1, 50));
        var perSession = expected.GroupBy(m => m.SessionId).ToDictionary(g => g.Key, g => g.Count());
        var minimum = queries.Sum(q => Math.Max(1, (int)Math.Ceiling(q.SessionIds!.Sum(id => perSession.GetValueOrDefault(id)) / 100.0)));
        Assert.Equal(minimum, log.Entries.Count);
        Assert.True(log.Entries.Count <= (expected.Count / 100) + queries.Count, $"{log.Entries.Count} requests for {expected.Count} messages");
        Assert.All(log.Entries, e => Assert.EndsWith("/getMessages", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Typed_session_ids_are_resolved_in_batches_and_unknown_ids_are_reported()
    {
        using var connection = emulator.Connect();
        var known = emulator.Data.Sessions.Where(s => s.BotId == emulator.BotId).Take(60).Select(s => s.SessionId).ToList();
        var ids = known.Concat(["5e43acb58c8ae94f1250e014"]).ToList();
        var log = new RequestRecorder();

        var results = connection.GetMessages(new KoreMessageQuery { SessionIds = ids }, log.Options);
        var messages = await results.CollectAsync();

        var expected = known.SelectMany(id => emulator.Data.MessagesOf(id)).Select(m => m.MessageId).Order(StringComparer.Ordinal);
        Assert.Equal(expected, messages.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "5e43acb58c8ae94f1250e014" }, results.InvalidSessionIds);
        Assert.Equal(new[] { "5e43acb58c8ae94f1250e014" }, log.InvalidIds);
        Assert.Equal(2, log.Count("/getSessions"));
    }

    [Fact]
    public async Task Typed_session_ids_with_a_long_range_are_looked_up_instead_of_asked_in_every_window()
    {
        using var connection = emulator.Connect();
        var mine = emulator.Data.Sessions.Where(s => s.BotId == emulator.BotId).ToList();
        var picked = new[] { mine[10], mine[300], mine[600], mine[900], mine[1100] };
        var from = emulator.Data.MessagesOf(picked[0].SessionId)[1].CreatedOn;
        var log = new RequestRecorder();

        var messages = await connection.GetMessages(new KoreMessageQuery { SessionIds = picked.Select(s => s.SessionId).ToList(), From = from }, log.Options).CollectAsync();

        var expected = picked.SelectMany(s => emulator.Data.MessagesOf(s.SessionId)).Where(m => m.CreatedOn >= from).Select(m => m.MessageId);
        Assert.Equal(expected.Order(StringComparer.Ordinal), messages.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        // Issue 11: with dates, no look-up at all: each session is read around the time its id encodes.
        Assert.Equal(0, log.Count("/getSessions"));
        Assert.True(log.Count("/getMessages") <= picked.Length, $"{log.Count("/getMessages")} getMessages requests for {picked.Length} sessions");
    }

    [Fact]
    public async Task Typed_session_ids_with_a_short_range_are_looked_up_so_unknown_ids_are_reported()
    {
        using var connection = emulator.Connect();
        var session = emulator.Data.Sessions.Last(s => s.BotId == emulator.BotId && s.MessageCount > 2);
        var log = new RequestRecorder();

        var messages = await connection.GetMessages(
            new KoreMessageQuery { SessionIds = [session.SessionId, "5e43acb58c8ae94f1250e014"], From = session.StartTime, To = session.EndTime.AddMilliseconds(1) },
            log.Options).CollectAsync();

        Assert.Equal(emulator.Data.MessagesOf(session.SessionId).Select(m => m.MessageId).Reverse(), messages.Select(m => m.MessageId));
        Assert.Equal(new[] { "5e43acb58c8ae94f1250e014" }, log.InvalidIds);
        Assert.Equal(1, log.Count("/getSessions"));
        Assert.Equal(1, log.Count("/getMessages"));
    }

    [Fact]
    public async Task Sessions_by_id_are_fetched_fifty_at_a_time()
    {
        using var connection = emulator.Connect();
        var ids = emulator.Data.Sessions.Where(s => s.BotId == emulator.BotId).Take(120).Select(s => s.SessionId).ToList();
        var log = new RequestRecorder();

        var sessions = await connection.GetSessions(new KoreSessionQuery { SessionIds = ids }, log.Options).CollectAsync();

        Assert.Equal(ids.Order(StringComparer.Ordinal), sessions.Select(s => s.SessionId).Order(StringComparer.Ordinal));
        Assert.Equal(3, log.Entries.Count);
    }

    // A range [from, to) holding exactly `count` of the main bot's messages, with no message at either edge's neighbour ms.
    private (DateTimeOffset From, DateTimeOffset To) RangeWith(int count)
    {
        var times = emulator.Data.Messages(emulator.BotId).Select(m => m.CreatedOn).ToList();
        for (var i = times.Count / 3; i + count < times.Count; i++)
        {
            if (times[i] == times[i - 1] || times[i + count] == times[i + count - 1])
            {
                continue;
            }

            if (count == 0)
            {
                if (times[i] - times[i - 1] > TimeSpan.FromMilliseconds(2))
                {
                    return (times[i - 1].AddMilliseconds(1), times[i]);
                }

                continue;
            }

            return (times[i], times[i + count]);
        }

        throw new InvalidOperationException("The emulator data has no such range.");
    }
}

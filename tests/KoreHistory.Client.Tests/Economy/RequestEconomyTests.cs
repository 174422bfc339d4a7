using System.Text.RegularExpressions;
using KoreHistory.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KoreHistory.Client.Tests.Economy;

// Issue 16's table, engine side: each read sends the requests a perfect client sends, counted by the emulator, and
// hands over exactly the messages a full read would have handed over at those places. About 8,000 messages a day,
// so every -Skip and -First below lands inside the last day's one API window.
public sealed partial class RequestEconomyTests : IClassFixture<EconomyEmulator>
{
    private readonly EconomyEmulator emulator;
    private readonly DateTimeOffset from = EconomyEmulator.Now.AddDays(-1);
    private readonly DateTimeOffset to = EconomyEmulator.Now;

    public RequestEconomyTests(EconomyEmulator emulator)
    {
        this.emulator = emulator;
    }

    private List<string> DayNewestFirst => emulator.MessagesBetween(from, to).Select(m => m.MessageId).ToList();

    [Fact]
    public async Task First_101_sends_two_requests_the_second_asking_for_the_one_message_left()
    {
        var (messages, bodies, requests) = await ReadAsync(new KoreMessageQuery { From = from, To = to }, new KoreReadSequence(first: 101));

        Assert.Equal(DayNewestFirst.Take(101), messages);
        Assert.Equal(2, requests);
        Assert.Equal(["skip 0 limit 100", "skip 100 limit 1"], bodies);
    }

    [Fact]
    public async Task A_consumer_that_stops_after_150_without_saying_so_costs_two_requests()
    {
        using var connection = emulator.Connect();
        emulator.Server.Stats.Reset();

        var messages = connection.GetMessages(new KoreMessageQuery { From = from, To = to }).ToBlockingEnumerable().Take(150).Select(m => m.MessageId).ToList();

        Assert.Equal(DayNewestFirst.Take(150), messages);
        Assert.Equal(2, emulator.Server.Stats.TotalRequests);
    }

    [Fact]
    public async Task First_1000_sends_ten_full_pages_and_nothing_ahead_of_them()
    {
        var (messages, bodies, requests) = await ReadAsync(new KoreMessageQuery { From = from, To = to }, new KoreReadSequence(first: 1000));

        Assert.Equal(DayNewestFirst.Take(1000), messages);
        Assert.Equal(10, requests);
        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"skip {k * 100} limit 100").Order(StringComparer.Ordinal), bodies.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1000, 10)]
    [InlineData(5000, 100)]
    public async Task A_skip_inside_the_window_is_one_request_at_that_skip(int skip, int first)
    {
        var (messages, bodies, requests) = await ReadAsync(new KoreMessageQuery { From = from, To = to }, new KoreReadSequence(skip, first));

        Assert.Equal(DayNewestFirst.Skip(skip).Take(first), messages);
        Assert.Equal(1, requests);
        Assert.Equal([$"skip {skip} limit {first}"], bodies);
    }

    [Fact]
    public async Task Whole_windows_are_passed_over_by_their_totals_one_request_each()
    {
        var longFrom = EconomyEmulator.Now.AddDays(-20);
        var newest = DateWindows.Split(DateWindows.Range(longFrom, to, EconomyEmulator.Now), oldestFirst: false)[0];
        var all = emulator.MessagesBetween(longFrom, to).Select(m => m.MessageId).ToList();
        var skip = emulator.MessagesBetween(newest.From, newest.To).Count + 5;

        var (messages, bodies, requests) = await ReadAsync(new KoreMessageQuery { From = longFrom, To = to }, new KoreReadSequence(skip, 20));

        Assert.Equal(all.Skip(skip).Take(20), messages);
        Assert.Equal(2, requests);
        Assert.Equal([$"skip {skip} limit 20", "skip 5 limit 20"], bodies);
    }

    [Fact]
    public async Task A_skip_past_every_record_costs_one_request_per_window_and_hands_over_nothing()
    {
        var (messages, _, requests) = await ReadAsync(new KoreMessageQuery { From = EconomyEmulator.Now.AddDays(-10), To = to }, new KoreReadSequence(skip: 1_000_000));

        Assert.Empty(messages);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task Typed_session_ids_with_dates_are_one_request_without_a_look_up()
    {
        var session = emulator.Data.Sessions.Last(s => s.BotId == emulator.BotId && s.StartTime < to.AddHours(-2) && emulator.Data.MessagesOf(s.SessionId).Count > 3);
        var query = new KoreMessageQuery { SessionIds = [session.SessionId], From = session.StartTime.AddHours(-1), To = session.EndTime.AddHours(1) };

        var (messages, _, requests) = await ReadAsync(query, new KoreReadSequence());

        Assert.Equal(emulator.Data.MessagesOf(session.SessionId).Select(m => m.MessageId).Order(StringComparer.Ordinal), messages.Order(StringComparer.Ordinal));
        Assert.Equal(1, requests);
        Assert.Equal(0, emulator.Server.Stats.RequestsTo(EmulatorRoutes.BotSessions));
    }

    [Fact]
    public async Task Piped_batches_that_want_5_messages_send_one_request_and_none_for_the_next_batch()
    {
        using var connection = emulator.Connect();
        var batcher = new KoreSessionBatcher(new KoreMessageQuery(), new FakeTimeProvider(EconomyEmulator.Now));
        var batches = new List<KoreMessageQuery>();
        foreach (var session in connection.GetSessions(new KoreSessionQuery { From = EconomyEmulator.Now.AddDays(-2), To = to }).ToBlockingEnumerable())
        {
            if (batcher.Add(session.ToSpan()) is { } batch)
            {
                batches.Add(batch);
                if (batches.Count == 2)
                {
                    break;
                }
            }
        }

        emulator.Server.Stats.Reset();
        using var sequence = new KoreReadSequence(first: 5);
        var reads = batches.Select(batch => connection.GetMessages(batch, new KoreReadOptions { Sequence = sequence })).ToList();
        var messages = new List<KoreMessage>();
        foreach (var read in reads)
        {
            messages.AddRange(await read.CollectAsync());
        }

        Assert.Equal(5, messages.Count);
        Assert.All(messages, m => Assert.Contains(m.SessionId, batches[0].SessionIds!));
        Assert.Equal(1, emulator.Server.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_total_asked_first_serves_the_skip_without_asking_again()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var options = log.Options;
        options.Sequence = new KoreReadSequence(skip: 30, first: 40);
        var results = connection.GetMessages(new KoreMessageQuery { From = from, To = to }, options);

        var total = await results.GetTotalCountAsync();
        var messages = (await results.CollectAsync()).Select(m => m.MessageId).ToList();

        Assert.Equal(DayNewestFirst.Count, total);
        Assert.Equal(DayNewestFirst.Skip(30).Take(40), messages);
        Assert.Equal(["skip 0 limit 70"], Bodies(log));
    }

    private async Task<(List<string> Messages, List<string> Bodies, long Requests)> ReadAsync(KoreMessageQuery query, KoreReadSequence sequence)
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var options = log.Options;
        options.Sequence = sequence;
        emulator.Server.Stats.Reset();
        var messages = await connection.GetMessages(query, options).CollectAsync();
        sequence.Dispose();
        return (messages.Select(m => m.MessageId).ToList(), Bodies(log), emulator.Server.Stats.TotalRequests);
    }

    private static List<string> Bodies(RequestRecorder log) =>
        log.Entries.Select(e => SkipAndLimit().Match(e.Body!)).Select(m => $"skip {m.Groups[1].Value} limit {m.Groups[2].Value}").ToList();

    [GeneratedRegex("\"skip\":(\\d+),\"limit\":(\\d+)")]
    private static partial Regex SkipAndLimit();
}

public sealed class EconomyEmulator : EmulatorFixtureBase
{
    protected override void Configure(EmulatorOptions options)
    {
        options.Sessions = 12_000;
        options.Days = 12;
        options.MessagesPerSession = 8;
    }
}

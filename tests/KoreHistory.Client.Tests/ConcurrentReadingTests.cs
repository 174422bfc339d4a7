using System.Text.RegularExpressions;
using KoreHistory.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace KoreHistory.Client.Tests;

// Pages read ahead with MaxConcurrentRequests > 1 are handed over in the requested order, every page is asked
// for once, read-ahead stays bounded, and a window whose records change while it is read loses and repeats nothing.
public sealed partial class ConcurrentReadingTests : IClassFixture<ReadingEmulator>
{
    private readonly ReadingEmulator emulator;

    public ConcurrentReadingTests(ReadingEmulator emulator)
    {
        this.emulator = emulator;
    }

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 4)]
    [InlineData(false, 16)]
    [InlineData(true, 2)]
    public async Task Concurrent_reads_hand_over_the_same_messages_in_the_same_order_with_the_same_requests(bool oldestFirst, int maxConcurrentRequests)
    {
        var from = ReadingEmulator.Now.AddDays(-30);
        var query = new KoreMessageQuery { From = from, To = ReadingEmulator.Now, OldestFirst = oldestFirst, PageSize = 9 };
        using var sequential = emulator.Connect(s => s.MaxConcurrentRequests = 1);
        using var concurrent = emulator.Connect(s => s.MaxConcurrentRequests = maxConcurrentRequests);
        var sequentialLog = new RequestRecorder();
        var concurrentLog = new RequestRecorder();

        var one = await sequential.GetMessages(query, sequentialLog.Options).CollectAsync();
        var many = await concurrent.GetMessages(query, concurrentLog.Options).CollectAsync();

        Assert.Equal(emulator.MessagesBetween(from, ReadingEmulator.Now, oldestFirst).Select(m => m.MessageId), many.Select(m => m.MessageId));
        Assert.Equal(one.Select(m => m.MessageId), many.Select(m => m.MessageId));
        Assert.Equal(
            sequentialLog.Entries.Select(e => e.Body).Order(StringComparer.Ordinal),
            concurrentLog.Entries.Select(e => e.Body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_pages_of_a_window_are_asked_for_once_each_at_fixed_offsets()
    {
        var from = ReadingEmulator.Now.AddDays(-5);
        using var connection = emulator.Connect(s => s.MaxConcurrentRequests = 4);
        var log = new RequestRecorder();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = ReadingEmulator.Now, PageSize = 10 }, log.Options).CollectAsync();

        var expectedSkips = Enumerable.Range(0, (messages.Count + 9) / 10).Select(k => k * 10);
        Assert.Equal(expectedSkips, log.Entries.Select(e => SkipOf(e.Body!)).Order());
    }

    [Fact]
    public void Read_ahead_stops_at_the_degree_when_the_reader_stops_early()
    {
        using var connection = emulator.Connect(s => s.MaxConcurrentRequests = 3);
        var log = new RequestRecorder();

        var first = connection.GetMessages(new KoreMessageQuery { From = ReadingEmulator.Now.AddDays(-30), To = ReadingEmulator.Now, PageSize = 10 }, log.Options)
            .ToBlockingEnumerable().Take(15).ToList();

        Assert.Equal(15, first.Count);
        // Two pages handed over, at most three more asked for ahead of the reader.
        Assert.InRange(log.Entries.Count, 2, 5);
    }

    [Fact]
    public void A_read_stopped_within_its_first_page_sends_one_request_even_when_reading_ahead()
    {
        using var connection = emulator.Connect(s => s.MaxConcurrentRequests = 8);
        var log = new RequestRecorder();

        var first = connection.GetMessages(new KoreMessageQuery { From = ReadingEmulator.Now.AddDays(-30), To = ReadingEmulator.Now, PageSize = 10 }, log.Options)
            .ToBlockingEnumerable().Take(3).ToList();

        Assert.Equal(3, first.Count);
        Assert.Single(log.Entries);
    }

    [Fact]
    public async Task The_total_asked_first_is_not_fetched_again_by_a_concurrent_read()
    {
        var from = ReadingEmulator.Now.AddDays(-20);
        using var connection = emulator.Connect(s => s.MaxConcurrentRequests = 4);
        var log = new RequestRecorder();
        var results = connection.GetMessages(new KoreMessageQuery { From = from, To = ReadingEmulator.Now, PageSize = 20 }, log.Options);

        var total = await results.GetTotalCountAsync();
        var messages = await results.CollectAsync();

        Assert.Equal(messages.Count, total);
        Assert.Equal(log.Entries.Count, log.Entries.Select(e => e.Body).Distinct().Count());
    }

    [Fact]
    public void More_concurrent_requests_than_the_limit_is_refused_before_connecting()
    {
        var error = Assert.Throws<KoreValidationException>(() => emulator.Connect(s => s.MaxConcurrentRequests = 0));
        Assert.Equal("MaxConcurrentRequests", error.ParameterName);
        Assert.Throws<KoreValidationException>(() => emulator.Connect(s => s.MaxConcurrentRequests = KoreConnectionSettings.MaxConcurrentRequestsLimit + 1));
    }

    internal static int SkipOf(string body) => int.Parse(SkipPattern().Match(body).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("\"skip\":(\\d+)")]
    private static partial Regex SkipPattern();
}

// Messages added inside a window while it is read with fixed offsets: the plan's check sees the total change and
// reads the rest of the window again from the last message handed over.
public sealed class ChangingWindowTests : IAsyncLifetime
{
    private EmulatorServer server = null!;

    public async Task InitializeAsync()
    {
        server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Now = EmulatorFixtureBase.Now,
            Seed = 5,
            Sessions = 30,
            Days = 2,
            MessagesPerSession = 4,
            PerMinute = 1_000_000,
            PerHour = 10_000_000,
        });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_added_inside_a_window_being_read_are_neither_repeated_nor_cause_a_loss(bool oldestFirst)
    {
        var from = EmulatorFixtureBase.Now.AddDays(-2);
        var to = EmulatorFixtureBase.Now;
        var before = server.Data.Messages(server.Options.BotId).Where(m => m.CreatedOn >= from && m.CreatedOn < to).ToList();
        Assert.True(before.Count > 60, $"only {before.Count} messages");
        var ordered = oldestFirst ? before : Enumerable.Reverse(before).ToList();
        using var connection = Connect(maxConcurrentRequests: 2);
        var log = new RequestRecorder();
        var read = new List<string>();
        string? aheadId = null;

        await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = from, To = to, PageSize = 10, OldestFirst = oldestFirst }, log.Options))
        {
            read.Add(message.MessageId);
            if (read.Count == 1)
            {
                // One message where the read has already passed (it shifts every later offset), one still ahead of it.
                var passed = ordered[5];
                var ahead = ordered[^3];
                server.Data.AddMessage(passed.SessionId, "added where the read has passed", at: passed.CreatedOn);
                aheadId = server.Data.AddMessage(ahead.SessionId, "added ahead of the read", at: ahead.CreatedOn).MessageId;
            }
        }

        Assert.Equal(read.Count, read.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(before.Select(m => m.MessageId).Except(read, StringComparer.Ordinal));
        Assert.Contains(aheadId, read);
        // The rest of the window was read again from where the read had got to, not at the planned offsets.
        Assert.Contains(log.Entries, e => !e.Body!.Contains($"\"dateTo\":\"{QueryRules.Iso(to)}\"", StringComparison.Ordinal)
            || !e.Body.Contains($"\"dateFrom\":\"{QueryRules.Iso(from)}\"", StringComparison.Ordinal));
    }

    private KoreConnection Connect(int maxConcurrentRequests)
    {
        var options = server.Options;
        return new KoreConnection(
            new KoreConnectionSettings
            {
                BaseUri = server.BaseUri,
                BotId = options.BotId,
                Credential = KoreCredential.FromClientSecret(options.ClientId, TestSecrets.Secure(options.ClientSecret)),
                RequestsPerMinute = options.PerMinute,
                RequestsPerHour = options.PerHour,
                MaxConcurrentRequests = maxConcurrentRequests,
            },
            TimeProvider.System,
            new FakeTimeProvider(server.Data.Now));
    }
}

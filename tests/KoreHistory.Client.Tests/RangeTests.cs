using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests;

public sealed class RangeTests : IClassFixture<ReadingEmulator>
{
    private readonly ReadingEmulator emulator;

    public RangeTests(ReadingEmulator emulator)
    {
        this.emulator = emulator;
    }

    public static TheoryData<double> RangeHours => new() { 1, 7 * 24, 8 * 24, 30 * 24, 90 * 24 };

    [Theory]
    [MemberData(nameof(RangeHours))]
    public async Task A_range_returns_exactly_the_ground_truth_newest_first(double hours)
    {
        var to = ReadingEmulator.Now.AddHours(-3).AddMilliseconds(-17);
        var from = to.AddHours(-hours);
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var served = emulator.Server.Stats.RequestsTo(EmulatorRoutes.BotMessages);

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = to }, log.Options).CollectAsync();

        var expected = emulator.MessagesBetween(from, to);
        Assert.Equal(expected.Select(m => m.MessageId), messages.Select(m => m.MessageId));
        Assert.Equal(MinimumRequests(from, to, oldestFirst: false), log.Entries.Count);
        Assert.Equal(log.Entries.Count, emulator.Server.Stats.RequestsTo(EmulatorRoutes.BotMessages) - served);
    }

    [Theory]
    [MemberData(nameof(RangeHours))]
    public async Task A_range_read_oldest_first_returns_the_ground_truth_in_time_order(double hours)
    {
        var to = ReadingEmulator.Now.AddDays(-1);
        var from = to.AddHours(-hours);
        using var connection = emulator.Connect();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = to, OldestFirst = true }).CollectAsync();

        Assert.Equal(emulator.MessagesBetween(from, to, oldestFirst: true).Select(m => m.MessageId), messages.Select(m => m.MessageId));
    }

    [Theory]
    [MemberData(nameof(RangeHours))]
    public async Task Sessions_of_a_range_are_exactly_the_ground_truth(double hours)
    {
        var to = ReadingEmulator.Now;
        var from = to.AddHours(-hours);
        using var connection = emulator.Connect();

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from, To = to }).CollectAsync();

        Assert.Equal(emulator.SessionsBetween(from, to, emulator.BotId).Select(s => s.SessionId), sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task Mapped_messages_carry_the_ground_truth_fields()
    {
        var to = ReadingEmulator.Now;
        var from = to.AddDays(-2);
        using var connection = emulator.Connect();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = to }).CollectAsync();

        var expected = emulator.MessagesBetween(from, to).ToDictionary(m => m.MessageId);
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            var truth = expected[message.MessageId];
            Assert.Equal(truth.SessionId, message.SessionId);
            Assert.Equal(truth.UserId, message.UserId);
            Assert.Equal(truth.BotId, message.BotId);
            Assert.Equal(truth.Incoming ? "Incoming" : "Outgoing", message.Direction);
            Assert.Equal(truth.CreatedOn, (DateTimeOffset)message.Time);
            Assert.Equal(truth.Channel, message.Channel);
            Assert.Equal(truth.Language, message.Language);
            Assert.Equal(string.Join("; ", truth.UserTags.Select(t => $"{t.Name}={t.Value}")), message.UserTags.ToString());
            Assert.Equal(string.Join("; ", truth.MessageTags.Select(t => $"{t.Name}={t.Value}")), message.MessageTags.ToString());
            Assert.Equal(truth.Components.Select(c => c.ContentType), message.Components.Select(c => c.ContentType));
            Assert.Equal(truth.Components.Select(c => c.Text), message.Components.Select(c => c.Data));
            if (truth.Components.All(c => c.ContentType == "text" && !c.Text.TrimStart().StartsWith('{')))
            {
                Assert.Equal(string.Join("\n", truth.Components.Select(c => c.Text)), message.Text);
            }
            else
            {
                Assert.DoesNotContain("\"payload\"", message.Text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Mapped_sessions_carry_the_ground_truth_fields()
    {
        using var connection = emulator.Connect();

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = ReadingEmulator.Now.AddDays(-10), To = ReadingEmulator.Now }).CollectAsync();

        Assert.NotEmpty(sessions);
        foreach (var session in sessions)
        {
            var truth = emulator.Data.FindSession(session.SessionId)!;
            Assert.Equal(truth.UserId, session.UserId);
            Assert.Equal(truth.Channel, session.Channel);
            Assert.Equal(truth.StartTime, (DateTimeOffset)session.StartTime);
            Assert.Equal(truth.EndTime, (DateTimeOffset)session.EndTime!.Value);
            Assert.Equal(string.Join(", ", truth.Languages), session.Languages);
            Assert.Equal(truth.SessionType, session.SessionType);
            Assert.Equal(truth.ContainmentType, session.ContainmentType);
            Assert.Equal(truth.Status, session.Status);
            Assert.Equal(truth.IsDeveloper, session.IsDeveloper);
            Assert.Equal(truth.MessageCount, session.MessageCount);
            Assert.Equal(truth.TaskCount, session.TaskCount);
            Assert.Equal(string.Join("; ", truth.SessionTags.Select(t => $"{t.Name}={t.Value}")), session.SessionTags.ToString());
        }
    }

    [Fact]
    public async Task No_date_range_means_the_last_seven_days()
    {
        using var connection = emulator.Connect();

        var messages = await connection.GetMessages(new KoreMessageQuery()).CollectAsync();

        var expected = emulator.MessagesBetween(ReadingEmulator.Now - DateWindows.MaxLength, ReadingEmulator.Now);
        Assert.Equal(expected.Select(m => m.MessageId), messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task The_total_count_sums_the_windows_and_its_pages_are_reused()
    {
        var from = ReadingEmulator.Now.AddDays(-30);
        var to = ReadingEmulator.Now;
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var results = connection.GetMessages(new KoreMessageQuery { From = from, To = to }, log.Options);

        Assert.Null(results.TotalCount);
        var total = await results.GetTotalCountAsync(CancellationToken.None);
        var messages = await results.CollectAsync();

        Assert.Equal(emulator.MessagesBetween(from, to).Count, total);
        Assert.Equal(total, results.TotalCount);
        Assert.Equal(total, messages.Count);
        Assert.Equal(total, results.ItemsRead);
        Assert.Equal(MinimumRequests(from, to, oldestFirst: false), log.Entries.Count);
    }

    [Fact]
    public async Task Nothing_is_requested_until_the_results_are_read_and_only_the_pages_needed()
    {
        using var connection = emulator.Connect(s => s.MaxConcurrentRequests = 1);
        var log = new RequestRecorder();

        var results = connection.GetMessages(new KoreMessageQuery { From = ReadingEmulator.Now.AddDays(-30), To = ReadingEmulator.Now }, log.Options);
        Assert.Empty(log.Entries);

        var first = results.ToBlockingEnumerable().Take(150).ToList();

        Assert.Equal(150, first.Count);
        Assert.Equal(2, log.Entries.Count);
    }

    [Fact]
    public void Blocking_consumption_from_a_thread_with_a_single_threaded_context_does_not_deadlock()
    {
        using var connection = emulator.Connect();
        var from = ReadingEmulator.Now.AddDays(-3);
        List<KoreMessage>? messages = null;

        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new BlockingContext());
            messages = connection.GetMessages(new KoreMessageQuery { From = from, To = ReadingEmulator.Now }).ToBlockingEnumerable().ToList();
        });
        thread.Start();

        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "the blocking read did not finish");
        Assert.Equal(emulator.MessagesBetween(from, ReadingEmulator.Now).Count, messages!.Count);
    }

    [Fact]
    public void Cancelling_from_another_thread_stops_a_blocking_read_with_operation_canceled()
    {
        using var connection = emulator.Connect();
        using var cancellation = new CancellationTokenSource();
        var read = 0;

        var error = Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var message in connection.GetMessages(new KoreMessageQuery { From = ReadingEmulator.Now.AddDays(-30), PageSize = 10 }).ToBlockingEnumerable(cancellation.Token))
            {
                if (++read == 25)
                {
                    // As StopProcessing does, from another thread.
                    Task.Run(cancellation.Cancel).Wait();
                }
            }
        });

        Assert.Equal(25, read);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Each_request_is_logged_as_one_readable_line()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        await connection.GetSessions(new KoreSessionQuery { From = ReadingEmulator.Now.AddDays(-1) }, log.Options).CollectAsync();

        var line = Assert.Single(log.Entries).ToString();
        Assert.Matches(@"^POST /api/public/bot/st-[0-9a-f-]+/getSessions \{""skip"":0,""limit"":1000,""dateFrom"":""[^""]+Z"",""dateTo"":""[^""]+Z""\} → 200 in \d+ ms \(attempt 1\)$", line);
    }

    [Fact]
    public async Task Sessions_page_by_the_number_returned()
    {
        var from = ReadingEmulator.Now.AddDays(-3);
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from, PageSize = 7 }, log.Options).CollectAsync();

        var expected = emulator.SessionsBetween(from, ReadingEmulator.Now, emulator.BotId);
        Assert.Equal(expected.Select(s => s.SessionId), sessions.Select(s => s.SessionId));
        Assert.Equal(Math.Max(1, (int)Math.Ceiling(expected.Count / 7.0)), log.Entries.Count);
    }

    [Fact]
    public async Task A_message_added_during_a_read_does_not_shift_the_pages()
    {
        var from = ReadingEmulator.Now.AddDays(-7);
        using var connection = emulator.Connect();
        var expected = emulator.MessagesBetween(from, ReadingEmulator.Now).Select(m => m.MessageId).ToList();
        var read = new List<string>();

        await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = from }))
        {
            read.Add(message.MessageId);
            if (read.Count == 50)
            {
                emulator.Data.AddMessage(message.SessionId, "appended during the export");
            }
        }

        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task An_admin_console_connection_reads_every_bot()
    {
        var from = ReadingEmulator.Now.AddDays(-20);
        using var connection = emulator.ConnectAdmin();

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from, To = ReadingEmulator.Now }).CollectAsync();

        var expected = emulator.SessionsBetween(from, ReadingEmulator.Now);
        Assert.Equal(expected.Select(s => s.SessionId), sessions.Select(s => s.SessionId));
        Assert.True(sessions.Select(s => s.BotId).Distinct().Count() > 1);
    }

    [Fact]
    public async Task An_admin_console_connection_reads_one_bot_when_the_query_names_it()
    {
        var otherBot = emulator.Data.BotIds[1];
        var from = ReadingEmulator.Now.AddDays(-100);
        using var connection = emulator.ConnectAdmin();
        var log = new RequestRecorder();

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from, BotId = otherBot }, log.Options).CollectAsync();

        Assert.Equal(emulator.SessionsBetween(from, ReadingEmulator.Now, otherBot).Select(s => s.SessionId), sessions.Select(s => s.SessionId));
        Assert.All(log.Entries, e => Assert.Contains($"/bot/{otherBot}/", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bot_the_app_may_not_read_is_an_authentication_error()
    {
        using var connection = emulator.Connect();

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(() =>
            connection.GetSessions(new KoreSessionQuery { BotId = emulator.Data.BotIds[1] }).CollectAsync());

        Assert.Equal("Invalid SDK credentials", error.ApiMessage);
        Assert.Equal(4002, error.KoreCode);
        Assert.Contains(emulator.Data.BotIds[1], error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_servers_invalid_arguments_answer_is_a_validation_error_with_its_detail()
    {
        using var connection = emulator.Connect();
        var body = System.Text.Encoding.UTF8.GetBytes("{\"dateFrom\":\"2026-05-01T00:00:00.000Z\",\"dateTo\":\"2026-05-09T00:00:00.000Z\"}");

        var error = await Assert.ThrowsAsync<KoreValidationException>(() =>
            connection.Api.PostAsync($"api/public/bot/{emulator.BotId}/getMessages", body, emulator.BotId, null, CancellationToken.None));

        Assert.Equal(412, error.StatusCode);
        Assert.Equal(412, error.KoreCode);
        Assert.Contains("7 days", error.ApiMessage, StringComparison.Ordinal);
        Assert.Equal("POST", error.Method);
    }

    // Per window: one request per 100 messages, and one for a window with none.
    private int MinimumRequests(DateTimeOffset from, DateTimeOffset to, bool oldestFirst) =>
        DateWindows.Split(new DateWindow(from, to), oldestFirst)
            .Sum(w => Math.Max(1, (int)Math.Ceiling(emulator.MessagesBetween(w.From, w.To).Count / 100.0)));

    // Runs continuations inline on the posting thread; a library that needs the context back would hang here.
    private sealed class BlockingContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            throw new InvalidOperationException("The engine tried to resume on the caller's context.");
    }
}

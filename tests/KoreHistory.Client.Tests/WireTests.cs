using System.Text.Json;
using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests;

// Each query parameter reaches the wire as kore-api.md spells it, and the emulator's answer to it is the
// ground truth for that filter.
public sealed class WireTests : IClassFixture<ReadingEmulator>
{
    private static readonly DateTimeOffset From = ReadingEmulator.Now.AddDays(-20);
    private static readonly DateTimeOffset To = ReadingEmulator.Now.AddDays(-1);
    private readonly ReadingEmulator emulator;

    public WireTests(ReadingEmulator emulator)
    {
        this.emulator = emulator;
    }

    [Fact]
    public async Task Message_filters_are_sent_as_documented()
    {
        var first = emulator.MessagesBetween(From, To)[0];
        var user = first.UserId;
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var query = new KoreMessageQuery
        {
            From = From,
            To = To,
            UserId = user,
            ChannelType = "RTM",
            OldestFirst = true,
            PageSize = 7,
            SessionIds = [first.SessionId],
            Tags = new KoreTagFilter { Match = KoreTagMatch.Any, Conditions = [new KoreTagCondition("tier", ["gold", "silver"], KoreTagType.User)] },
        };

        await connection.GetMessages(query, log.Options).CollectAsync();

        // Issue 11: with dates, a typed id needs no look-up; a range longer than one window is read around the time
        // the session id encodes.
        Assert.EndsWith("/getMessages", log.Entries[0].Path, StringComparison.Ordinal);
        var request = log.Entries.First(e => e.Path.EndsWith("/getMessages", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        Assert.Equal(0, root.GetProperty("skip").GetInt32());
        Assert.Equal(7, root.GetProperty("limit").GetInt32());
        Assert.True(root.GetProperty("forward").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("dateFrom").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("dateTo").GetString());
        Assert.Equal(user, root.GetProperty("userId").GetString());
        Assert.Equal("rtm", root.GetProperty("channelType").GetString());
        Assert.Equal(first.SessionId, root.GetProperty("sessionId")[0].GetString());
        var condition = root.GetProperty("tags").GetProperty("or")[0];
        Assert.Equal("tier", condition.GetProperty("name").GetString());
        Assert.Equal(new[] { "gold", "silver" }, condition.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("user", condition.GetProperty("type").GetString());
        Assert.All(log.Entries, e => Assert.Equal(200, e.StatusCode));
        Assert.Equal("POST", request.Method);
    }

    [Fact]
    public async Task Dates_are_sent_as_utc_timestamps_with_milliseconds_and_windows_share_their_edges()
    {
        var from = new DateTimeOffset(2026, 5, 1, 10, 0, 0, 250, TimeSpan.FromHours(2));
        var to = from.AddDays(10);
        using var connection = emulator.Connect(s => s.MaxConcurrentRequests = 1);
        var log = new RequestRecorder();

        await connection.GetMessages(new KoreMessageQuery { From = from, To = to }, log.Options).CollectAsync();

        var windows = log.Entries.Where(e => e.Body!.Contains("\"skip\":0,", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e.Body!).RootElement)
            .Select(b => (From: b.GetProperty("dateFrom").GetString()!, To: b.GetProperty("dateTo").GetString()!))
            .ToList();
        Assert.Equal(new[] { ("2026-05-04T08:00:00.251Z", "2026-05-11T08:00:00.250Z"), ("2026-05-01T08:00:00.250Z", "2026-05-04T08:00:00.251Z") }, windows);
    }

    [Fact]
    public async Task A_user_filter_returns_exactly_that_users_messages()
    {
        var user = emulator.MessagesBetween(From, To)[0].UserId;
        using var connection = emulator.Connect();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = From, To = To, UserId = user }).CollectAsync();

        Assert.Equal(emulator.MessagesBetween(From, To).Where(m => m.UserId == user).Select(m => m.MessageId), messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_channel_filter_returns_exactly_that_channels_messages()
    {
        using var connection = emulator.Connect();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = From, To = To, ChannelType = "msteams" }).CollectAsync();

        var expected = emulator.MessagesBetween(From, To).Where(m => m.Channel == "msteams").Select(m => m.MessageId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task An_ivr_instance_filter_is_sent_as_ivrInstID()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = From, To = To, ChannelType = "ivr", IvrInstanceId = EmulatorData.IvrSecondInstance }, log.Options).CollectAsync();

        Assert.Contains($"\"ivrInstID\":\"{EmulatorData.IvrSecondInstance}\"", log.Entries[0].Body, StringComparison.Ordinal);
        var expected = emulator.MessagesBetween(From, To).Where(m => m.IvrInstanceId == EmulatorData.IvrSecondInstance).Select(m => m.MessageId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Trace_ids_are_asked_for_with_includeTraceId_and_mapped()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        var messages = await connection.GetMessages(new KoreMessageQuery { From = From, To = To, IncludeTraceId = true }, log.Options).CollectAsync();

        Assert.Contains("\"includeTraceId\":true", log.Entries[0].Body, StringComparison.Ordinal);
        var truth = emulator.MessagesBetween(From, To).ToDictionary(m => m.MessageId);
        Assert.All(messages, m => Assert.Equal(truth[m.MessageId].Incoming ? truth[m.MessageId].TraceId : null, m.TraceId));
    }

    [Fact]
    public async Task A_tag_filter_returns_the_messages_whose_tags_match()
    {
        using var connection = emulator.Connect();
        var tags = new KoreTagFilter { Conditions = [new KoreTagCondition("campaign", ["spring"], KoreTagType.Session)] };

        var messages = await connection.GetMessages(new KoreMessageQuery { From = From, To = To, Tags = tags }).CollectAsync();

        var expected = emulator.MessagesBetween(From, To).Where(m => m.SessionTags.Any(t => t.Name == "campaign" && t.Value == "spring")).Select(m => m.MessageId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, messages.Select(m => m.MessageId));
        Assert.All(messages, m => Assert.Contains("campaign=spring", m.SessionTags.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(KoreDirection.Backward, -1)]
    [InlineData(KoreDirection.Both, 0)]
    [InlineData(KoreDirection.Forward, 1)]
    public void A_message_id_and_direction_are_sent_without_dates(KoreDirection direction, int wire)
    {
        var anchor = emulator.Data.Messages(emulator.BotId).Reverse().Skip(30).First();
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        var messages = connection.GetMessages(new KoreMessageQuery { MessageId = anchor.MessageId, Direction = direction, PageSize = 20 }, log.Options)
            .ToBlockingEnumerable().Take(25).ToList();

        using var body = JsonDocument.Parse(log.Entries[0].Body!);
        Assert.Equal(anchor.MessageId, body.RootElement.GetProperty("msgId").GetString());
        Assert.Equal(wire, body.RootElement.GetProperty("direction").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("dateFrom", out _));
        Assert.False(body.RootElement.TryGetProperty("dateTo", out _));
        Assert.Contains(messages, m => m.MessageId == anchor.MessageId);
        if (direction == KoreDirection.Both)
        {
            Assert.Equal(emulator.Data.MessagesOf(anchor.SessionId).Select(m => m.MessageId), messages.Select(m => m.MessageId));
        }
    }

    [Fact]
    public async Task Session_filters_are_sent_as_documented_and_return_the_ground_truth()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();
        var query = new KoreSessionQuery
        {
            From = From,
            To = To,
            SessionType = KoreSessionType.NonInteractive,
            ContainmentType = KoreContainmentType.DropOff,
            Tags = new KoreTagFilter { Conditions = [new KoreTagCondition("campaign", ["summer"], KoreTagType.Session)] },
            PageSize = 3,
        };

        var sessions = await connection.GetSessions(query, log.Options).CollectAsync();

        Assert.EndsWith("/getSessions?containmentType=dropOff", log.Entries[0].Path, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(log.Entries[0].Body!);
        Assert.Equal("non-interactive", body.RootElement.GetProperty("sessionType").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("limit").GetInt32());
        Assert.Equal("campaign", body.RootElement.GetProperty("tags").GetProperty("and")[0].GetProperty("name").GetString());
        var expected = emulator.SessionsBetween(From, To, emulator.BotId)
            .Where(s => s.SessionType == "non-interactive" && s.ContainmentType == "dropOff" && s.SessionTags.Any(t => t.Name == "campaign" && t.Value == "summer"))
            .Select(s => s.SessionId).ToList();
        Assert.Equal(expected, sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task A_user_filter_on_sessions_returns_exactly_that_users_sessions()
    {
        var user = emulator.SessionsBetween(From, To, emulator.BotId)[0].UserId;
        using var connection = emulator.Connect();

        var sessions = await connection.GetSessions(new KoreSessionQuery { From = From, To = To, UserId = user }).CollectAsync();

        Assert.Equal(emulator.SessionsBetween(From, To, emulator.BotId).Where(s => s.UserId == user).Select(s => s.SessionId), sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task Requests_name_korehistory_in_the_user_agent_and_validation_fails_before_any_request()
    {
        using var connection = emulator.Connect();
        var log = new RequestRecorder();

        Assert.Throws<KoreValidationException>(() => connection.GetMessages(new KoreMessageQuery { From = To, To = From }, log.Options));
        Assert.Throws<KoreValidationException>(() => connection.GetSessions(new KoreSessionQuery { PageSize = 0 }, log.Options));

        // This connection's own log: the emulator is shared with this class's other tests, whose cancelled
        // read-ahead requests may still reach it. (Reliability/BadInputTests count the server's requests.)
        Assert.Empty(log.Entries);
        Assert.StartsWith("KoreHistory/", connection.UserAgent, StringComparison.Ordinal);
        Assert.Equal(connection.UserAgent, UserAgentSeenByTheServer(connection));
    }

    // The emulator does not record headers, so a loopback listener stands in for it for this one check.
    private static string UserAgentSeenByTheServer(KoreConnection connection)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var settings = new KoreConnectionSettings
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}"),
            BotId = "st-1",
            Credential = KoreCredential.FromClientSecret("cs-1", TestSecrets.Secure("a-secret-for-the-user-agent-check-0123")),
            UserAgent = connection.UserAgent,
            MaxAttempts = 1,
        };
        using var probe = new KoreConnection(settings);
        var read = Task.Run(() => probe.GetSessions(new KoreSessionQuery()).CollectAsync());
        using var client = listener.AcceptTcpClient();
        using var reader = new StreamReader(client.GetStream());
        string? line;
        var userAgent = "";
        while (!string.IsNullOrEmpty(line = reader.ReadLine()))
        {
            if (line.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase))
            {
                userAgent = line.Substring("User-Agent:".Length).Trim();
            }
        }

        client.Close();
        _ = read.ContinueWith(t => t.Exception, TaskScheduler.Default);
        return userAgent;
    }
}

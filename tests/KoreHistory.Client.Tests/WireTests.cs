using System.Text.Json;
using KoreHistory.Client;
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
        var user = emulator.MessagesBetween(From, To)[0].UserId;
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
            SessionIds = ["6a1d6ea83d64c9b5c401deb8"],
            Tags = new KoreTagFilter { Match = KoreTagMatch.Any, Conditions = [new KoreTagCondition("tier", ["gold", "silver"], KoreTagType.User)] },
        };

        await connection.GetMessages(query, log.Options).CollectAsync();

        using var body = JsonDocument.Parse(log.Entries[0].Body!);
        var root = body.RootElement;
        Assert.Equal(0, root.GetProperty("skip").GetInt32());
        Assert.Equal(7, root.GetProperty("limit").GetInt32());
        Assert.True(root.GetProperty("forward").GetBoolean());
        Assert.Equal(QueryRules.Iso(From), root.GetProperty("dateFrom").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("dateTo").GetString());
        Assert.Equal(user, root.GetProperty("userId").GetString());
        Assert.Equal("rtm", root.GetProperty("channelType").GetString());
        Assert.Equal("6a1d6ea83d64c9b5c401deb8", root.GetProperty("sessionId")[0].GetString());
        var condition = root.GetProperty("tags").GetProperty("or")[0];
        Assert.Equal("tier", condition.GetProperty("name").GetString());
        Assert.Equal(new[] { "gold", "silver" }, condition.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("user", condition.GetProperty("type").GetString());
        Assert.All(log.Entries, e => Assert.Equal(200, e.StatusCode));
        Assert.Equal("POST", log.Entries[0].Method);
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
        var before = emulator.Server.Stats.TotalRequests;

        Assert.Throws<KoreValidationException>(() => connection.GetMessages(new KoreMessageQuery { From = To, To = From }));
        Assert.Throws<KoreValidationException>(() => connection.GetSessions(new KoreSessionQuery { PageSize = 0 }));

        Assert.Equal(before, emulator.Server.Stats.TotalRequests);
        Assert.StartsWith("KoreHistory/", connection.UserAgent, StringComparison.Ordinal);
    }
}

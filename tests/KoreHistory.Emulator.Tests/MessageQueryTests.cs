using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KoreHistory.Emulator.Tests;

[Collection(SharedEmulator.Name)]
public sealed class MessageQueryTests : SharedEmulatorTests
{
    private static readonly DateTimeOffset Now = EmulatorFixture.PinnedNow;

    public MessageQueryTests(EmulatorFixture fixture) : base(fixture) { }

    /// Every page of a POST query (limit 100), concatenated.
    private async Task<(List<string> Ids, long Total)> All(JsonObject body, string? path = null, string? token = null, int limit = 100)
    {
        var ids = new List<string>();
        long? total = null;
        while (true)
        {
            body["skip"] = ids.Count;
            body["limit"] = limit;
            var r = await Api.Send(HttpMethod.Post, path ?? Api.MessagesPath, body.DeepClone(), token ?? Tokens.Demo(Server));
            Assert.True(r.Status == HttpStatusCode.OK, r.Body);
            total ??= r.Total;
            Assert.Equal(total, r.Total);
            var page = r.Ids("messages", "_id");
            ids.AddRange(page);
            if (!r.MoreAvailable) break;
            Assert.NotEmpty(page);
        }
        Assert.Equal(total, ids.Count);
        return (ids, total.Value);
    }

    private static JsonObject Window(DateTimeOffset from, DateTimeOffset to, params (string, object?)[] more) =>
        Json.Body(more.Append(("dateFrom", Json.Iso(from))).Append(("dateTo", Json.Iso(to))).ToArray());

    private static readonly DateTimeOffset From = Now.AddDays(-7).AddMilliseconds(1);

    [Fact]
    public async Task Post_without_filters_returns_the_last_seven_days_of_every_channel_newest_first()
    {
        var expected = Truth.Messages(Data, Api.BotId, Now - Truth.Week, Now);
        Assert.True(expected.Select(m => m.Channel).Distinct().Count() > 3);
        var (ids, total) = await All(new JsonObject());
        Assert.Equal(Truth.NewestFirst(expected), ids);
        Assert.Equal(expected.Count, total);
    }

    [Fact]
    public async Task Forward_true_returns_oldest_first()
    {
        var expected = Truth.Messages(Data, Api.BotId, From, Now);
        var (ids, _) = await All(Window(From, Now, ("forward", true)));
        Assert.Equal(expected.Select(m => m.MessageId), ids);
        var (idsFromString, _) = await All(Window(From, Now, ("forward", "true")));
        Assert.Equal(ids, idsFromString);
        var (backward, _) = await All(Window(From, Now, ("forward", "false")));
        Assert.Equal(Truth.NewestFirst(expected), backward);
    }

    [Fact]
    public async Task Timestamps_within_a_page_are_in_the_requested_order()
    {
        var r = await Api.Messages(Window(From, Now, ("limit", 100)));
        var times = r.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("timestampValue").GetInt64()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        r = await Api.Messages(Window(From, Now, ("limit", 100), ("forward", true)));
        times = r.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("timestampValue").GetInt64()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task UserId_returns_only_that_users_messages()
    {
        var user = Truth.Messages(Data, Api.BotId, From, Now).GroupBy(m => m.UserId).OrderByDescending(g => g.Count()).First().Key;
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m => m.UserId == user);
        var (ids, _) = await All(Window(From, Now, ("userId", user)));
        Assert.Equal(Truth.NewestFirst(expected), ids);
    }

    [Fact]
    public async Task Get_returns_only_rtm_unless_a_channel_is_given()
    {
        // A user with both rtm and other-channel messages in the window.
        var user = Truth.Messages(Data, Api.BotId, From, Now)
            .GroupBy(m => m.UserId)
            .First(g => g.Any(m => m.Channel == "rtm") && g.Any(m => m.Channel != "rtm")).Key;
        var all = Truth.Messages(Data, Api.BotId, From, Now, m => m.UserId == user);
        var query = $"?userId={user}&dateFrom={Json.Iso(From)}&dateTo={Json.Iso(Now)}&limit=100";
        var r = await Api.MessagesGet(query);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(Truth.NewestFirst(all.Where(m => m.Channel == "rtm")), r.Ids("messages", "_id"));

        var other = all.First(m => m.Channel != "rtm").Channel;
        r = await Api.MessagesGet(query + $"&channelType={other}");
        Assert.Equal(Truth.NewestFirst(all.Where(m => m.Channel == other)), r.Ids("messages", "_id"));
    }

    [Theory]
    [InlineData("rtm")]
    [InlineData("msteams")]
    [InlineData("ivrVoice")]
    [InlineData("korevg")]
    [InlineData("email")]
    public async Task ChannelType_filters_a_post(string channel)
    {
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m => m.Channel == channel);
        Assert.NotEmpty(expected);
        var (ids, _) = await All(Window(From, Now, ("channelType", channel)));
        Assert.Equal(Truth.NewestFirst(expected), ids);
        Assert.All(ids, id => Assert.Equal(channel, expected.First(m => m.MessageId == id).Channel));
    }

    [Fact]
    public async Task A_channel_with_no_history_returns_nothing()
    {
        var (ids, total) = await All(Window(From, Now, ("channelType", "telegram")));
        Assert.Empty(ids);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task Ivr_without_an_instance_id_is_the_first_webhook_instance()
    {
        var from = Now.AddDays(-12);
        var first = new List<string>();
        var second = new List<string>();
        for (var end = Now; end > from; end = end.AddDays(-6))
        {
            var start = end.AddDays(-6);
            first.AddRange((await All(Window(start, end, ("channelType", "ivr")))).Ids);
            second.AddRange((await All(Window(start, end, ("ivrInstID", EmulatorData.IvrSecondInstance)))).Ids);
        }
        var ivr = Data.Messages(Api.BotId).Where(m => m.Channel == "ivr" && m.CreatedOn >= Now.AddDays(-12)).ToList();
        Assert.Equal(ivr.Where(m => m.IvrInstanceId == EmulatorData.IvrFirstInstance).Select(m => m.MessageId).Order(), first.Order());
        Assert.Equal(ivr.Where(m => m.IvrInstanceId == EmulatorData.IvrSecondInstance).Select(m => m.MessageId).Order(), second.Order());
        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        var (explicitSecond, _) = await All(Window(Now.AddDays(-6), Now, ("channelType", "ivr"), ("ivrInstID", EmulatorData.IvrSecondInstance)));
        Assert.All(explicitSecond, id => Assert.Contains(id, second));
    }

    [Fact]
    public async Task Session_ids_return_the_messages_of_those_sessions()
    {
        var sessions = Truth.Sessions(Data, Api.BotId, From, Now).Where((_, i) => i % 5 == 0).Take(12).ToList();
        var wanted = sessions.Select(s => s.SessionId).ToHashSet();
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m => wanted.Contains(m.SessionId));
        Assert.Equal(sessions.Sum(s => s.MessageCount), expected.Count);
        var (ids, _) = await All(Window(From, Now, ("sessionId", wanted.ToArray())));
        Assert.Equal(Truth.NewestFirst(expected), ids);
    }

    [Fact]
    public async Task Session_ids_still_respect_the_date_window()
    {
        var s = Truth.Sessions(Data, Api.BotId, Now.AddDays(-11), Now.AddDays(-9)).First(x => x.MessageCount > 2);
        var messages = Data.MessagesOf(s.SessionId);
        var cut = messages[1].CreatedOn;
        var (ids, _) = await All(Window(s.StartTime, cut, ("sessionId", new[] { s.SessionId })));
        Assert.Equal([messages[0].MessageId], ids);
        var (rest, _) = await All(Window(cut, s.EndTime.AddMilliseconds(1), ("sessionId", new[] { s.SessionId })));
        Assert.Equal(messages.Skip(1).Reverse().Select(m => m.MessageId), rest);
    }

    [Fact]
    public async Task Message_tags_filter()
    {
        var tags = JsonNode.Parse("""{"and":[{"name":"intent","values":["CheckBalance","ResetPassword"],"type":"message"}]}""");
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m => Truth.HasTag(m.MessageTags, "intent", "CheckBalance", "ResetPassword"));
        Assert.NotEmpty(expected);
        var (ids, _) = await All(Window(From, Now, ("tags", tags)));
        Assert.Equal(Truth.NewestFirst(expected), ids);
    }

    [Fact]
    public async Task Tags_with_and_over_user_message_and_session_tags()
    {
        var tags = JsonNode.Parse("""{"and":[{"name":"tier","values":["gold","bronze"],"type":"user"},{"name":"template","values":["button"],"type":"message"},{"name":"campaign","values":["spring","summer"],"type":"session"}]}""");
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m =>
            Truth.HasTag(m.UserTags, "tier", "gold", "bronze") && Truth.HasTag(m.MessageTags, "template", "button") && Truth.HasTag(m.SessionTags, "campaign", "spring", "summer"));
        Assert.NotEmpty(expected);
        var (ids, _) = await All(Window(From, Now, ("tags", tags)));
        Assert.Equal(Truth.NewestFirst(expected), ids);
    }

    [Fact]
    public async Task Tags_with_or_over_user_and_message_tags()
    {
        var tags = JsonNode.Parse("""{"or":[{"name":"region","values":["APAC"],"type":"user"},{"name":"intent","values":["TalkToAgent"],"type":"message"}]}""");
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m =>
            Truth.HasTag(m.UserTags, "region", "APAC") || Truth.HasTag(m.MessageTags, "intent", "TalkToAgent"));
        Assert.NotEmpty(expected);
        var (ids, _) = await All(Window(From, Now, ("tags", tags)));
        Assert.Equal(Truth.NewestFirst(expected), ids);
    }

    [Fact]
    public async Task MsgId_forward_returns_that_message_and_the_later_ones_oldest_first()
    {
        var all = Data.Messages(Api.BotId).ToList();
        var anchor = all[all.Count - 150];
        var (ids, _) = await All(Json.Body(("msgId", anchor.MessageId), ("direction", 1)));
        Assert.Equal(all.Skip(all.Count - 150).Select(m => m.MessageId), ids);
        var (byDefault, _) = await All(Json.Body(("msgId", anchor.MessageId)));
        Assert.Equal(ids, byDefault);
        var one = await Api.Messages(Json.Body(("msgId", anchor.MessageId), ("limit", 1)));
        Assert.Equal([anchor.MessageId], one.Ids("messages", "_id"));
    }

    [Fact]
    public async Task MsgId_backward_returns_that_message_and_the_earlier_ones_newest_first()
    {
        var all = Data.Messages(Api.BotId).ToList();
        var anchor = all[120];
        var (ids, _) = await All(Json.Body(("msgId", anchor.MessageId), ("direction", -1)));
        Assert.Equal(all.Take(121).Reverse().Select(m => m.MessageId), ids);
    }

    [Fact]
    public async Task MsgId_both_directions_returns_the_conversation_around_it()
    {
        var session = Data.Sessions.First(s => s.BotId == Api.BotId && s.MessageCount >= 4);
        var messages = Data.MessagesOf(session.SessionId);
        var (ids, _) = await All(Json.Body(("msgId", messages[2].MessageId), ("direction", 0)));
        Assert.Equal(messages.Select(m => m.MessageId), ids);
    }

    [Fact]
    public async Task MsgId_combines_with_other_filters_but_not_with_the_default_window()
    {
        var all = Data.Messages(Api.BotId).ToList();
        var anchor = all[10];
        Assert.True(anchor.CreatedOn < Now.AddDays(-7));
        var expected = all.Skip(10).Where(m => m.UserId == anchor.UserId).Select(m => m.MessageId);
        var (ids, _) = await All(Json.Body(("msgId", anchor.MessageId), ("direction", 1), ("userId", anchor.UserId)));
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("ms-unknown")]
    [InlineData("ms-00000000000000ffffffffff")]
    public async Task Unknown_msgId_returns_nothing(string msgId)
    {
        var r = await Api.Messages(Json.Body(("msgId", msgId)));
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(0, r.Total);
        Assert.Empty(r.Ids("messages", "_id"));
    }

    [Fact]
    public async Task MsgId_of_another_bot_is_not_found_on_this_bot()
    {
        var foreign = Data.Messages(Data.BotIds[1]).First();
        var r = await Api.Messages(Json.Body(("msgId", foreign.MessageId)));
        Assert.Equal(0, r.Total);
    }

    [Fact]
    public async Task V1_includes_alert_and_action_messages_and_V2_leaves_them_out()
    {
        var all = Truth.Messages(Data, Api.BotId, From, Now);
        var withoutAlerts = all.Where(m => m.Components.All(c => c.ContentType is not ("alert" or "action"))).ToList();
        Assert.Contains(all, m => m.Components.Any(c => c.ContentType == "alert"));
        Assert.Contains(all, m => m.Components.Any(c => c.ContentType == "action"));
        var (v1, _) = await All(Window(From, Now));
        Assert.Equal(Truth.NewestFirst(all), v1);
        var (v2, total) = await All(Window(From, Now), path: Api.MessagesV2Path, limit: 10_000);
        Assert.Equal(Truth.NewestFirst(withoutAlerts), v2);
        Assert.Equal(withoutAlerts.Count, total);
    }

    [Fact]
    public async Task V2_answers_get_with_the_same_rules()
    {
        var user = Truth.Messages(Data, Api.BotId, From, Now, m => m.Channel == "rtm").First().UserId;
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m => m.UserId == user && m.Channel == "rtm" && !m.IsAlertOrAction);
        var r = await Api.Send(HttpMethod.Get, $"{Api.MessagesV2Path}?userId={user}&dateFrom={Json.Iso(From)}&dateTo={Json.Iso(Now)}&limit=5000", null, Tokens.Demo(Server));
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(Truth.NewestFirst(expected), r.Ids("messages", "_id"));
    }

    [Fact]
    public async Task Admin_scope_reads_every_bots_messages_and_bot_scope_only_its_own()
    {
        var expected = Data.BotIds.SelectMany(b => Truth.Messages(Data, b, From, Now)).Select(m => m.MessageId).Order().ToList();
        var (admin, _) = await All(Window(From, Now), path: "/api/public/getMessages", token: Tokens.Admin(Server));
        Assert.Equal(expected, admin.Order().ToList());
        var (mine, _) = await All(Window(From, Now));
        Assert.Equal(Truth.Messages(Data, Api.BotId, From, Now).Select(m => m.MessageId).Order(), mine.Order());
        Assert.True(admin.Count > mine.Count);
    }

    [Fact]
    public async Task A_message_carries_every_documented_field_with_the_generated_values()
    {
        var expected = Truth.Messages(Data, Api.BotId, From, Now).ToDictionary(m => m.MessageId);
        var r = await Api.Messages(Window(From, Now, ("limit", 100)));
        var kinds = new HashSet<string>();
        foreach (var json in r.Json.GetProperty("messages").EnumerateArray())
        {
            var m = expected[json.GetProperty("_id").GetString()!];
            Assert.StartsWith("ms-", m.MessageId, StringComparison.Ordinal);
            Assert.Equal(m.Incoming ? "incoming" : "outgoing", json.GetProperty("type").GetString());
            Assert.Equal(m.Status, json.GetProperty("status").GetString());
            Assert.Equal(m.UserId, json.GetProperty("createdBy").GetString());
            var createdOn = json.GetProperty("createdOn").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", createdOn);
            Assert.Equal(m.CreatedOn, DateTimeOffset.Parse(createdOn, CultureInfo.InvariantCulture));
            Assert.Equal(m.CreatedOn.ToUnixTimeMilliseconds(), json.GetProperty("timestampValue").GetInt64());
            Assert.Equal(createdOn, json.GetProperty("lmodifiedOn").GetString());
            Assert.Equal(m.BotId, json.GetProperty("botId").GetString());
            Assert.StartsWith("o-", json.GetProperty("orgId").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(json.GetProperty("accountId").GetString()));
            Assert.Equal(m.SessionId, json.GetProperty("sessionId").GetString());
            Assert.Equal(m.Language, json.GetProperty("lang").GetString());
            Assert.Equal(m.Channel, json.GetProperty("chnl").GetString());
            Assert.Equal(m.Channel, json.GetProperty("channels")[0].GetProperty("type").GetString());
            Assert.Equal(m.Source, json.GetProperty("ms").GetInt32());
            var component = json.GetProperty("components")[0];
            Assert.StartsWith("cp-", component.GetProperty("_id").GetString(), StringComparison.Ordinal);
            Assert.Equal(m.Components[0].ContentType, component.GetProperty("cT").GetString());
            Assert.Equal(m.Text, component.GetProperty("data").GetProperty("text").GetString());
            Assert.Equal(JsonValueKind.Array, component.GetProperty("thumbnails").ValueKind);
            var tags = json.GetProperty("tags");
            Assert.Equal(m.MessageTags.Count, tags.GetProperty("messageTags").GetArrayLength());
            Assert.Equal(m.UserTags.Count, tags.GetProperty("userTags").GetArrayLength());
            Assert.Equal(m.SessionTags.Count, tags.GetProperty("sessionTags").GetArrayLength());
            kinds.Add(json.GetProperty("type").GetString()!);
        }
        Assert.Equal(["incoming", "outgoing"], kinds.Order());
    }

    [Fact]
    public async Task Bot_templates_arrive_as_json_inside_a_text_component()
    {
        var template = Truth.Messages(Data, Api.BotId, From, Now).Last(m => m.Text.StartsWith('{'));
        var r = await Api.Messages(Json.Body(("msgId", template.MessageId), ("limit", 1)));
        var component = r.Json.GetProperty("messages")[0].GetProperty("components")[0];
        Assert.Equal("text", component.GetProperty("cT").GetString());
        using var inner = JsonDocument.Parse(component.GetProperty("data").GetProperty("text").GetString()!);
        Assert.Equal("template", inner.RootElement.GetProperty("type").GetString());
        Assert.Equal("button", inner.RootElement.GetProperty("payload").GetProperty("template_type").GetString());
    }

    [Fact]
    public async Task IncludeTraceId_adds_a_trace_id_to_incoming_messages_only()
    {
        var r = await Api.Messages(Window(From, Now, ("limit", 100), ("includeTraceId", true)));
        var messages = r.Json.GetProperty("messages").EnumerateArray().ToList();
        Assert.Contains(messages, m => m.GetProperty("type").GetString() == "incoming");
        Assert.All(messages, m => Assert.Equal(m.GetProperty("type").GetString() == "incoming", m.TryGetProperty("traceId", out _)));
        var plain = await Api.Messages(Window(From, Now, ("limit", 100)));
        Assert.All(plain.Json.GetProperty("messages").EnumerateArray(), m => Assert.False(m.TryGetProperty("traceId", out _)));
    }

    [Fact]
    public async Task Session_ids_of_another_bot_return_nothing_on_this_bot_but_do_on_the_admin_route()
    {
        var foreign = Data.Sessions.Last(s => s.BotId != Api.BotId);
        var body = Window(foreign.StartTime, foreign.StartTime.AddDays(1), ("sessionId", new[] { foreign.SessionId }));
        var (mine, _) = await All(body);
        Assert.Empty(mine);
        var (admin, _) = await All(body, path: "/api/public/getMessages", token: Tokens.Admin(Server));
        Assert.Equal(Data.MessagesOf(foreign.SessionId).Reverse().Select(m => m.MessageId), admin);
    }

    [Fact]
    public async Task Session_ids_combine_with_user_and_channel_filters()
    {
        var sessions = Truth.Sessions(Data, Api.BotId, From, Now).Take(40).ToList();
        var user = sessions[0].UserId;
        var wanted = sessions.Select(s => s.SessionId).ToHashSet();
        var expected = Truth.Messages(Data, Api.BotId, From, Now, m => wanted.Contains(m.SessionId) && m.Channel == "rtm");
        var (ids, _) = await All(Window(From, Now, ("sessionId", wanted.ToArray()), ("channelType", "rtm"), ("forward", true)));
        Assert.Equal(expected.Select(m => m.MessageId), ids);
        var byUser = Truth.Messages(Data, Api.BotId, From, Now, m => wanted.Contains(m.SessionId) && m.UserId == user);
        var (userIds, _) = await All(Window(From, Now, ("sessionId", wanted.ToArray()), ("userId", user)));
        Assert.Equal(Truth.NewestFirst(byUser), userIds);
    }

    [Fact]
    public async Task Get_accepts_forward_and_session_ids_in_the_query_string()
    {
        var session = Truth.Sessions(Data, Api.BotId, From, Now).First(s => s.Channel == "rtm" && s.MessageCount > 2);
        var query = $"?userId={session.UserId}&sessionId={session.SessionId}&dateFrom={Json.Iso(From)}&dateTo={Json.Iso(Now)}&forward=true";
        var r = await Api.MessagesGet(query);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(Data.MessagesOf(session.SessionId).Select(m => m.MessageId), r.Ids("messages", "_id"));
    }
}

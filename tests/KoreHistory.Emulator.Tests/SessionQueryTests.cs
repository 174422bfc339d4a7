using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KoreHistory.Emulator.Tests;

[Collection(SharedEmulator.Name)]
public sealed partial class SessionQueryTests : SharedEmulatorTests
{
    private static readonly DateTimeOffset Now = EmulatorFixture.PinnedNow;

    public SessionQueryTests(EmulatorFixture fixture) : base(fixture) { }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMillis();

    private async Task<(List<string> Ids, long Total, ApiResponse Last)> All(object body, string query = "", string? token = null, string? path = null)
    {
        var node = JsonSerializer.SerializeToNode(body)!.AsObject();
        node["limit"] = 1000;
        var r = path is null ? await Api.Sessions(node, token, query) : await Api.Send(HttpMethod.Post, path + query, node, token);
        Assert.True(r.Status == HttpStatusCode.OK, r.Body);
        Assert.False(r.MoreAvailable);
        return (r.Ids("sessions", "sessionId"), r.Total, r);
    }

    [Fact]
    public async Task Without_a_body_the_last_seven_days_come_newest_first_100_to_a_page()
    {
        var expected = Truth.Sessions(Data, Api.BotId, Now - Truth.Week, Now);
        Assert.True(expected.Count > 100, "the fixture should have more than one default page");
        var r = await Api.Sessions(null);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal(expected.Count, r.Total);
        Assert.True(r.MoreAvailable);
        Assert.Equal(expected.Take(100).Select(s => s.SessionId), r.Ids("sessions", "sessionId"));
        Assert.False(r.Json.TryGetProperty("invalidSessions", out _));
    }

    [Fact]
    public async Task A_session_carries_every_documented_field_with_the_generated_values()
    {
        var r = await Api.Sessions(new { limit = 1000 });
        foreach (var json in r.Json.GetProperty("sessions").EnumerateArray())
        {
            var s = Data.FindSession(json.GetProperty("sessionId").GetString()!)!;
            Assert.Matches("^[0-9a-f]{24}$", s.SessionId);
            Assert.Equal(s.BotId, json.GetProperty("botId").GetString());
            Assert.Equal(s.Channel, json.GetProperty("channel").GetString());
            Assert.Equal(s.UserId, json.GetProperty("userId").GetString());
            Assert.Matches(IsoMillis(), json.GetProperty("start_time").GetString()!);
            Assert.Matches(IsoMillis(), json.GetProperty("end_time").GetString()!);
            Assert.Equal(s.StartTime, DateTimeOffset.Parse(json.GetProperty("start_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(s.EndTime, DateTimeOffset.Parse(json.GetProperty("end_time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(s.Languages, json.GetProperty("session_lang").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(s.SessionType, json.GetProperty("sessionType").GetString());
            Assert.Equal(s.ContainmentType, json.GetProperty("containmentType").GetString());
            Assert.Equal(s.IsDeveloper, json.GetProperty("isDeveloper").GetBoolean());
            Assert.Equal(s.Status, json.GetProperty("sessionStatus").GetString());
            Assert.Equal(s.MessageCount, json.GetProperty("noOfMessagesExchanged").GetInt32());
            Assert.Equal(s.TaskCount, json.GetProperty("noOfTasksExecuted").GetInt32());
            var tags = json.GetProperty("tags");
            Assert.Equal(s.UserTags, Tags(tags.GetProperty("userTags")));
            Assert.Equal(s.SessionTags, Tags(tags.GetProperty("sessionTags")));
            Assert.Equal(JsonValueKind.Array, tags.GetProperty("altText").ValueKind);
        }
    }

    private static List<EmulatedTag> Tags(JsonElement array) =>
        array.EnumerateArray().Select(t => new EmulatedTag(t.GetProperty("name").GetString()!, t.GetProperty("value").GetString()!)).ToList();

    [Fact]
    public async Task UserId_returns_only_that_users_sessions()
    {
        var from = Now.AddDays(-6);
        var user = Truth.Sessions(Data, Api.BotId, from, Now).GroupBy(s => s.UserId).OrderByDescending(g => g.Count()).First().Key;
        var expected = Truth.Sessions(Data, Api.BotId, from, Now, s => s.UserId == user);
        Assert.True(expected.Count >= 2);
        var (ids, total, _) = await All(new { userId = user, dateFrom = Json.Iso(from), dateTo = Json.Iso(Now) });
        Assert.Equal(expected.Select(s => s.SessionId), ids);
        Assert.Equal(expected.Count, total);
    }

    [Theory]
    [InlineData("interactive")]
    [InlineData("non-interactive")]
    public async Task SessionType_filters(string type)
    {
        var expected = Truth.Sessions(Data, Api.BotId, Now - Truth.Week, Now, s => s.SessionType == type);
        Assert.NotEmpty(expected);
        var (ids, _, _) = await All(new { sessionType = type });
        Assert.Equal(expected.Select(s => s.SessionId), ids);
    }

    [Theory]
    [InlineData("selfService")]
    [InlineData("dropOff")]
    [InlineData("agent")]
    public async Task ContainmentType_in_the_query_string_filters(string type)
    {
        var expected = Truth.Sessions(Data, Api.BotId, Now - Truth.Week, Now, s => s.ContainmentType == type);
        Assert.NotEmpty(expected);
        var (ids, _, _) = await All(new { }, query: $"?containmentType={type}");
        Assert.Equal(expected.Select(s => s.SessionId), ids);
    }

    [Fact]
    public async Task Without_containmentType_every_type_is_returned()
    {
        var (ids, _, _) = await All(new { });
        var types = ids.Select(id => Data.FindSession(id)!.ContainmentType).Distinct().Order().ToList();
        Assert.Equal(["agent", "dropOff", "selfService"], types);
    }

    [Fact]
    public async Task Tags_with_and_need_every_condition()
    {
        var tags = JsonNode.Parse("""{"and":[{"name":"tier","values":["gold","silver"],"type":"user"},{"name":"campaign","values":["spring"],"type":"session"}]}""");
        var expected = Truth.Sessions(Data, Api.BotId, Now - Truth.Week, Now,
            s => Truth.HasTag(s.UserTags, "tier", "gold", "silver") && Truth.HasTag(s.SessionTags, "campaign", "spring"));
        Assert.NotEmpty(expected);
        var (ids, _, _) = await All(Json.Body(("tags", tags)));
        Assert.Equal(expected.Select(s => s.SessionId), ids);
    }

    [Fact]
    public async Task Tags_with_or_need_any_condition()
    {
        var tags = JsonNode.Parse("""{"or":[{"name":"region","values":["EU"],"type":"user"},{"name":"resolved","values":["no"],"type":"session"}]}""");
        var expected = Truth.Sessions(Data, Api.BotId, Now - Truth.Week, Now,
            s => Truth.HasTag(s.UserTags, "region", "EU") || Truth.HasTag(s.SessionTags, "resolved", "no"));
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < Truth.Sessions(Data, Api.BotId, Now - Truth.Week, Now).Count);
        var (ids, _, _) = await All(Json.Body(("tags", tags)));
        Assert.Equal(expected.Select(s => s.SessionId), ids);
    }

    [Fact]
    public async Task Session_ids_ignore_every_other_filter_and_report_unknown_ids()
    {
        var mine = Data.Sessions.Where(s => s.BotId == Api.BotId).ToList();
        var old = mine.First(s => s.StartTime < Now.AddDays(-10));
        var recent = mine[^1];
        var middle = mine[mine.Count / 2];
        var otherBots = Data.Sessions.First(s => s.BotId != Api.BotId);
        var unknown = "0123456789abcdef01234567";
        var body = new
        {
            sessionId = new[] { middle.SessionId, unknown, old.SessionId, recent.SessionId, otherBots.SessionId, middle.SessionId },
            userId = "u-nobody",
            sessionType = recent.SessionType == "interactive" ? "non-interactive" : "interactive",
            dateFrom = "2020-01-01",
            dateTo = "2020-01-02",
        };
        var r = await Api.Sessions(body);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal([recent.SessionId, middle.SessionId, old.SessionId], r.Ids("sessions", "sessionId"));
        Assert.Equal(3, r.Total);
        Assert.Equal([unknown, otherBots.SessionId], r.Json.GetProperty("invalidSessions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Admin_scope_reads_every_bot()
    {
        var expected = Truth.Sessions(Data, null, Now - Truth.Week, Now);
        Assert.True(expected.Select(s => s.BotId).Distinct().Count() > 1);
        var (ids, total, _) = await All(new { }, token: Tokens.Admin(Server), path: "/api/public/getSessions");
        Assert.Equal(expected.Select(s => s.SessionId), ids);
        Assert.Equal(expected.Count, total);
    }

    [Fact]
    public async Task Bot_scope_never_returns_another_bots_session()
    {
        var other = Data.BotIds[1];
        var expected = Truth.Sessions(Data, other, Now - Truth.Week, Now);
        var (ids, _, _) = await All(new { }, token: Tokens.Admin(Server), path: $"/api/public/bot/{other}/getSessions");
        Assert.Equal(expected.Select(s => s.SessionId), ids);
        var (mine, _, _) = await All(new { });
        Assert.All(mine, id => Assert.Equal(Api.BotId, Data.FindSession(id)!.BotId));
    }

    [Fact]
    public async Task The_window_includes_its_start_and_excludes_its_end()
    {
        var s = Data.Sessions.Where(x => x.BotId == Api.BotId).ElementAt(100);
        var (at, _, _) = await All(new { dateFrom = Json.Iso(s.StartTime), dateTo = Json.Iso(s.StartTime.AddMilliseconds(1)) });
        Assert.Contains(s.SessionId, at);
        var (before, _, _) = await All(new { dateFrom = Json.Iso(s.StartTime.AddHours(-1)), dateTo = Json.Iso(s.StartTime) });
        Assert.DoesNotContain(s.SessionId, before);
        var (after, _, _) = await All(new { dateFrom = Json.Iso(s.StartTime.AddMilliseconds(1)), dateTo = Json.Iso(s.StartTime.AddHours(1)) });
        Assert.DoesNotContain(s.SessionId, after);
    }

    [Fact]
    public async Task Consecutive_windows_partition_the_history_with_no_gap_and_no_overlap()
    {
        var windowEnd = Now;
        var seen = new List<string>();
        for (var w = 0; w < 3; w++)
        {
            // The longest window the API accepts: 7 days - 1 ms.
            var start = windowEnd.AddDays(-7).AddMilliseconds(1);
            var (ids, _, _) = await All(new { dateFrom = Json.Iso(start), dateTo = Json.Iso(windowEnd) });
            seen.AddRange(ids);
            windowEnd = start;
        }
        var expected = Truth.Sessions(Data, Api.BotId, windowEnd, Now);
        Assert.Equal(expected.Select(s => s.SessionId), seen);
    }

    [Fact]
    public async Task A_date_only_dateTo_covers_that_whole_day()
    {
        var day = new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero);
        var expected = Truth.Sessions(Data, Api.BotId, day, day.AddDays(1));
        Assert.NotEmpty(expected);
        var (ids, _, _) = await All(new { dateFrom = "2026-06-10", dateTo = "2026-06-10" });
        Assert.Equal(expected.Select(s => s.SessionId), ids);
    }

    [Fact]
    public async Task Only_dateFrom_means_seven_days_from_it()
    {
        var from = Now.AddDays(-11);
        var expected = Truth.Sessions(Data, Api.BotId, from, from + Truth.Week);
        var (ids, _, _) = await All(new { dateFrom = Json.Iso(from) });
        Assert.Equal(expected.Select(s => s.SessionId), ids);
    }

    [Fact]
    public async Task Only_dateTo_means_seven_days_before_it()
    {
        var to = Now.AddDays(-2);
        var expected = Truth.Sessions(Data, Api.BotId, to - Truth.Week, to);
        var (ids, _, _) = await All(new { dateTo = Json.Iso(to) });
        Assert.Equal(expected.Select(s => s.SessionId), ids);
    }

    [Fact]
    public async Task Session_ids_that_are_all_known_give_an_empty_invalidSessions_and_still_page()
    {
        var ids = Data.Sessions.Where(s => s.BotId == Api.BotId).Take(5).Select(s => s.SessionId).ToArray();
        var r = await Api.Sessions(new { sessionId = ids, skip = 1, limit = 2 });
        Assert.Equal(0, r.Json.GetProperty("invalidSessions").GetArrayLength());
        Assert.Equal(5, r.Total);
        Assert.True(r.MoreAvailable);
        Assert.Equal(ids.Reverse().Skip(1).Take(2), r.Ids("sessions", "sessionId"));
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace KoreHistory.Emulator.Tests;

/// Pages, advanced by the number of records returned, concatenate to the whole result: no duplicate, no gap.
[Collection(SharedEmulator.Name)]
public sealed class PagingTests : SharedEmulatorTests
{
    private static readonly DateTimeOffset Now = EmulatorFixture.PinnedNow;
    private static readonly DateTimeOffset From = Now.AddDays(-7).AddMilliseconds(1);

    public PagingTests(EmulatorFixture fixture) : base(fixture) { }

    private async Task<List<string>> PageThrough(string path, string arrayName, string idName, JsonObject body, int pageSize, string skipName = "skip")
    {
        var ids = new List<string>();
        long? total = null;
        for (var request = 0; ; request++)
        {
            Assert.True(request < 10_000, "paging did not end");
            body[skipName] = ids.Count;
            body["limit"] = pageSize;
            var r = await Api.Send(HttpMethod.Post, path, body.DeepClone(), Tokens.Demo(Server));
            Assert.Equal(HttpStatusCode.OK, r.Status);
            total ??= r.Total;
            Assert.Equal(total, r.Total);
            var page = r.Ids(arrayName, idName);
            var remaining = total.Value - ids.Count;
            Assert.Equal(Math.Min(pageSize, remaining), page.Count);
            ids.AddRange(page);
            Assert.Equal(ids.Count < total, r.MoreAvailable);
            if (!r.MoreAvailable) break;
        }
        Assert.Equal(ids.Count, ids.Distinct().Count());
        return ids;
    }

    private static JsonObject Window() => Json.Body(("dateFrom", Json.Iso(From)), ("dateTo", Json.Iso(Now)));

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task Session_pages_concatenate_to_the_whole_result(int pageSize)
    {
        var expected = Truth.Sessions(Server.Data, Api.BotId, From, Now).Select(s => s.SessionId).ToList();
        Assert.True(expected.Count > 100);
        var ids = await PageThrough(Api.SessionsPath, "sessions", "sessionId", Window(), pageSize);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(100)]
    public async Task Message_pages_concatenate_to_the_whole_result(int pageSize)
    {
        var expected = Truth.NewestFirst(Truth.Messages(Server.Data, Api.BotId, From, Now));
        Assert.True(expected.Count > 300);
        var ids = await PageThrough(Api.MessagesPath, "messages", "_id", Window(), pageSize);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(100)]
    public async Task Forward_message_pages_concatenate_to_the_whole_result(int pageSize)
    {
        var expected = Truth.Messages(Server.Data, Api.BotId, From, Now).Select(m => m.MessageId).ToList();
        var body = Window();
        body["forward"] = true;
        Assert.Equal(expected, await PageThrough(Api.MessagesPath, "messages", "_id", body, pageSize));
    }

    [Theory]
    [InlineData(37)]
    [InlineData(10_000)]
    public async Task V2_pages_concatenate_to_the_whole_result(int pageSize)
    {
        var expected = Truth.NewestFirst(Truth.Messages(Server.Data, Api.BotId, From, Now, m => !m.IsAlertOrAction));
        Assert.Equal(expected, await PageThrough(Api.MessagesV2Path, "messages", "_id", Window(), pageSize));
    }

    [Fact]
    public async Task Offset_is_an_alias_of_skip()
    {
        var bySkip = await PageThrough(Api.MessagesPath, "messages", "_id", Window(), 60);
        var byOffset = await PageThrough(Api.MessagesPath, "messages", "_id", Window(), 60, skipName: "offset");
        Assert.Equal(bySkip, byOffset);
    }

    [Fact]
    public async Task Skip_past_the_end_returns_an_empty_page_with_the_total()
    {
        var expected = Truth.Sessions(Server.Data, Api.BotId, From, Now).Count;
        var body = Window();
        body["skip"] = expected;
        var r = await Api.Sessions(body);
        Assert.Equal(expected, r.Total);
        Assert.False(r.MoreAvailable);
        Assert.Empty(r.Ids("sessions", "sessionId"));
        body["skip"] = 1_000_000_000;
        r = await Api.Messages(body);
        Assert.False(r.MoreAvailable);
        Assert.Empty(r.Ids("messages", "_id"));
        Assert.Equal(Truth.Messages(Server.Data, Api.BotId, From, Now).Count, r.Total);
    }

    [Fact]
    public async Task Get_pages_through_the_query_string()
    {
        var user = Truth.Messages(Server.Data, Api.BotId, Now.AddDays(-12), Now, m => m.Channel == "rtm")
            .GroupBy(m => m.UserId).OrderByDescending(g => g.Count()).First().Key;
        var from = Now.AddDays(-7).AddMilliseconds(1);
        var expected = Truth.NewestFirst(Truth.Messages(Server.Data, Api.BotId, from, Now, m => m.UserId == user && m.Channel == "rtm"));
        Assert.True(expected.Count > 3);
        var ids = new List<string>();
        while (true)
        {
            var r = await Api.MessagesGet($"?userId={user}&dateFrom={Json.Iso(from)}&dateTo={Json.Iso(Now)}&skip={ids.Count}&limit=2");
            ids.AddRange(r.Ids("messages", "_id"));
            if (!r.MoreAvailable) break;
        }
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(100, false)]
    public async Task Pages_by_session_ids_concatenate_to_the_whole_result(int pageSize, bool forward)
    {
        var sessions = Truth.Sessions(Server.Data, Api.BotId, From, Now).Take(50).Select(s => s.SessionId).ToHashSet();
        var expected = Truth.Messages(Server.Data, Api.BotId, From, Now, m => sessions.Contains(m.SessionId));
        var body = Window();
        body["sessionId"] = new JsonArray(sessions.Select(id => (JsonNode)id!).ToArray());
        body["forward"] = forward;
        var ids = await PageThrough(Api.MessagesPath, "messages", "_id", body, pageSize);
        Assert.Equal(forward ? expected.Select(m => m.MessageId).ToList() : Truth.NewestFirst(expected), ids);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(25, -1)]
    public async Task Pages_from_a_msgId_concatenate_to_the_whole_result(int pageSize, int direction)
    {
        var all = Server.Data.Messages(Api.BotId).ToList();
        var anchor = all[all.Count / 2];
        var expected = direction > 0
            ? all.Skip(all.Count / 2).Select(m => m.MessageId).ToList()
            : all.Take(all.Count / 2 + 1).Reverse().Select(m => m.MessageId).ToList();
        var body = Json.Body(("msgId", anchor.MessageId), ("direction", direction));
        var ids = await PageThrough(Api.MessagesPath, "messages", "_id", body, pageSize);
        Assert.Equal(expected, ids);
    }
}

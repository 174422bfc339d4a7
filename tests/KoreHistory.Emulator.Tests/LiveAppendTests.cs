using System.Net;

namespace KoreHistory.Emulator.Tests;

/// Messages added while a client reads (AddMessage), as in "messages arrive during an export".
public sealed class LiveAppendTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = EmulatorFixture.PinnedNow;
    private EmulatorServer server = null!;
    private Api api = null!;

    public async Task InitializeAsync()
    {
        server = await EmulatorServer.StartAsync(EmulatorFixture.SmallOptions(120));
        api = new Api(server);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => api?.Dispose();

    private EmulatedSession RecentSession() =>
        server.Data.Sessions.Last(s => s.BotId == api.BotId && s.SessionType == "interactive");

    [Fact]
    public async Task An_added_message_is_served_with_its_session()
    {
        var session = RecentSession();
        var countBefore = session.MessageCount;
        var added = server.Data.AddMessage(session.SessionId, "Added during the export ✓", incoming: true);

        Assert.True(added.CreatedOn >= Now);
        Assert.Equal(countBefore + 1, session.MessageCount);
        Assert.Equal(added.MessageId, server.Data.MessagesOf(session.SessionId)[^1].MessageId);

        var r = await api.Messages(new { sessionId = new[] { session.SessionId }, dateFrom = Json.Iso(Now.AddDays(-1)), dateTo = Json.Iso(added.CreatedOn.AddMilliseconds(1)) });
        var first = r.Json.GetProperty("messages")[0];
        Assert.Equal(added.MessageId, first.GetProperty("_id").GetString());
        Assert.Equal("incoming", first.GetProperty("type").GetString());
        Assert.Equal("Added during the export ✓", first.GetProperty("components")[0].GetProperty("data").GetProperty("text").GetString());
        Assert.Equal(countBefore + 1, r.Total);

        var byId = await api.Messages(Json.Body(("msgId", added.MessageId), ("limit", 1)));
        Assert.Equal([added.MessageId], byId.Ids("messages", "_id"));

        var sessions = await api.Sessions(new { sessionId = new[] { session.SessionId } });
        Assert.Equal(countBefore + 1, sessions.Json.GetProperty("sessions")[0].GetProperty("noOfMessagesExchanged").GetInt32());
    }

    [Fact]
    public async Task Messages_added_after_the_windows_end_do_not_disturb_a_client_paging_that_window()
    {
        var from = Now.AddDays(-7).AddMilliseconds(1);
        var expected = Truth.NewestFirst(Truth.Messages(server.Data, api.BotId, from, Now));
        var ids = new List<string>();
        var body = Json.Body(("dateFrom", Json.Iso(from)), ("dateTo", Json.Iso(Now)), ("limit", 40));
        while (true)
        {
            body["skip"] = ids.Count;
            var r = await api.Messages(body.DeepClone());
            ids.AddRange(r.Ids("messages", "_id"));
            server.Data.AddMessage(RecentSession().SessionId, $"arrived after page {ids.Count}");
            if (!r.MoreAvailable) break;
        }
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task A_message_added_inside_the_window_shifts_newest_first_pages_and_changes_the_total()
    {
        // This is why a client bounds its window: an arrival inside it moves every later page by one.
        var from = Now.AddDays(-7).AddMilliseconds(1);
        var body = Json.Body(("dateFrom", Json.Iso(from)), ("dateTo", Json.Iso(Now)), ("limit", 10));
        var firstPage = await api.Messages(body.DeepClone());
        var session = RecentSession();
        var added = server.Data.AddMessage(session.SessionId, "late", incoming: false, at: Now.AddMinutes(-1).AddMilliseconds(-7));
        body["skip"] = 10;
        var secondPage = await api.Messages(body.DeepClone());
        Assert.Equal(firstPage.Total + 1, secondPage.Total);
        Assert.Equal(firstPage.Ids("messages", "_id")[^1], secondPage.Ids("messages", "_id")[0]);
        Assert.Equal("outgoing", server.Data.MessagesOf(session.SessionId).Single(m => m.MessageId == added.MessageId).Type);
    }

    [Fact]
    public void Adding_to_an_unknown_session_or_before_the_session_started_is_refused()
    {
        // Issue 11: a message before its session's start_time is no longer refused (real tenants have them); see
        // A_message_may_be_added_before_its_session_started.
        Assert.Throws<ArgumentException>(() => server.Data.AddMessage("ffffffffffffffffffffffff", "x"));
    }

    [Fact]
    public void A_message_may_be_added_before_its_session_started()
    {
        var s = RecentSession();
        var added = server.Data.AddMessage(s.SessionId, "x", at: s.StartTime.AddMilliseconds(-75));
        Assert.Equal(s.StartTime.AddMilliseconds(-75), added.CreatedOn);
        Assert.Contains(server.Data.MessagesOf(s.SessionId), m => m.MessageId == added.MessageId);
    }

    [Fact]
    public async Task Requests_are_counted_per_route()
    {
        server.Stats.Reset();
        await api.Sessions(new { });
        await api.Messages(new { });
        await api.Messages(new { });
        await api.MessagesV2(new { });
        await api.Send(HttpMethod.Post, "/api/public/getSessions", new { }, Tokens.Admin(server));
        await api.Send(HttpMethod.Post, "/api/public/getMessages", new { }, Tokens.Admin(server));
        await api.Send(HttpMethod.Get, api.SessionsPath, null, null);
        Assert.Equal(2, server.Stats.RequestsTo(EmulatorRoutes.BotSessions));
        Assert.Equal(2, server.Stats.RequestsTo(EmulatorRoutes.BotMessages));
        Assert.Equal(1, server.Stats.RequestsTo(EmulatorRoutes.BotMessagesV2));
        Assert.Equal(1, server.Stats.RequestsTo(EmulatorRoutes.AdminSessions));
        Assert.Equal(1, server.Stats.RequestsTo(EmulatorRoutes.AdminMessages));
        Assert.Equal(7, server.Stats.TotalRequests);
        Assert.Equal(6, server.Stats.Succeeded);
        server.Stats.Reset();
        Assert.Equal(0, server.Stats.TotalRequests);
        Assert.Empty(server.Stats.RequestsByRoute);
    }

    [Fact]
    public async Task Unknown_paths_are_not_found()
    {
        var r = await api.Send(HttpMethod.Post, $"/api/public/bot/{api.BotId}/getSomething", new { }, Tokens.Demo(server));
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
    }
}

using System.Net;

namespace KoreHistory.Emulator.Tests;

/// Issue 11: switches that make the emulator answer as other platform versions may (README, "Platform variants").
public sealed class PlatformVariantTests
{
    private static readonly DateTimeOffset Now = EmulatorFixture.PinnedNow;

    private sealed record Running(EmulatorServer Server, Api Api) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static async Task<Running> Start(Action<EmulatorPlatform> variant)
    {
        var options = EmulatorFixture.SmallOptions(240);
        options.Days = 30;
        variant(options.Platform);
        var server = await EmulatorServer.StartAsync(options);
        return new Running(server, new Api(server));
    }

    [Fact]
    public async Task Before_v10_1_3_get_sessions_ignores_session_ids_and_answers_its_default_window()
    {
        await using var running = await Start(p => p.SessionIdFilter = false);
        var (server, api) = (running.Server, running.Api);
        var old = server.Data.Sessions.First(s => s.BotId == api.BotId && s.StartTime < Now.AddDays(-10));
        var r = await api.Sessions(new { sessionId = new[] { old.SessionId, "ffffffffffffffffffffffff" }, limit = 1000 });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        var expected = Truth.Sessions(server.Data, api.BotId, Now - Truth.Week, Now);
        Assert.Equal(expected.Select(s => s.SessionId), r.Ids("sessions", "sessionId"));
        Assert.DoesNotContain(old.SessionId, r.Ids("sessions", "sessionId"));
        Assert.False(r.Json.TryGetProperty("invalidSessions", out _));
    }

    [Fact]
    public async Task With_the_filter_sessions_older_than_14_days_come_by_id_without_their_session_tags()
    {
        await using var running = await Start(_ => { });
        var (server, api) = (running.Server, running.Api);
        var sessions = server.Data.Sessions.Where(s => s.BotId == api.BotId && s.SessionTags.Count > 0).ToList();
        var old = sessions.First(s => s.StartTime < Now.AddDays(-15));
        var recent = sessions.Last(s => s.StartTime > Now.AddDays(-13));
        var r = await api.Sessions(new { sessionId = new[] { old.SessionId, recent.SessionId } });
        var tags = r.Json.GetProperty("sessions").EnumerateArray()
            .ToDictionary(s => s.GetProperty("sessionId").GetString()!, s => s.GetProperty("tags").GetProperty("sessionTags").GetArrayLength());
        Assert.Equal(0, tags[old.SessionId]);
        Assert.Equal(recent.SessionTags.Count, tags[recent.SessionId]);

        // Asked for by date, the old session has its tags.
        var byDate = await api.Sessions(new { dateFrom = Json.Iso(old.StartTime), dateTo = Json.Iso(old.StartTime.AddMilliseconds(1)) });
        var found = byDate.Json.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("sessionId").GetString() == old.SessionId);
        Assert.Equal(old.SessionTags.Count, found.GetProperty("tags").GetProperty("sessionTags").GetArrayLength());
    }

    [Fact]
    public async Task With_an_inclusive_date_to_a_record_exactly_at_date_to_is_in_the_window()
    {
        await using var running = await Start(p => p.InclusiveDateTo = true);
        var (server, api) = (running.Server, running.Api);
        var session = server.Data.Sessions.Last(s => s.BotId == api.BotId && s.StartTime < Now.AddDays(-2));
        var at = session.StartTime.AddMinutes(1).AddMilliseconds(7);
        var added = server.Data.AddMessage(session.SessionId, "on the seam", at: at);
        var before = await api.Messages(new { dateFrom = Json.Iso(at.AddHours(-1)), dateTo = Json.Iso(at), sessionId = new[] { session.SessionId } });
        var after = await api.Messages(new { dateFrom = Json.Iso(at), dateTo = Json.Iso(at.AddHours(1)), sessionId = new[] { session.SessionId } });
        Assert.Contains(added.MessageId, before.Ids("messages", "_id"));
        Assert.Contains(added.MessageId, after.Ids("messages", "_id"));

        var sessions = await api.Sessions(new { dateFrom = Json.Iso(session.StartTime.AddDays(-1)), dateTo = Json.Iso(session.StartTime), limit = 1000 });
        Assert.Contains(session.SessionId, sessions.Ids("sessions", "sessionId"));
    }

    [Fact]
    public async Task With_post_defaulting_to_rtm_a_read_without_a_channel_returns_only_rtm()
    {
        await using var running = await Start(p => p.PostDefaultsToRtm = true);
        var (server, api) = (running.Server, running.Api);
        var from = Now.AddDays(-6);
        var all = Truth.Messages(server.Data, api.BotId, from, Now);
        Assert.Contains(all, m => m.Channel != "rtm");
        var r = await api.Messages(new { dateFrom = Json.Iso(from), dateTo = Json.Iso(Now), limit = 100 });
        Assert.Equal(all.Count(m => m.Channel == "rtm"), r.Total);
        var korevg = await api.Messages(new { dateFrom = Json.Iso(from), dateTo = Json.Iso(Now), channelType = "korevg" });
        Assert.Equal(all.Count(m => m.Channel == "korevg"), korevg.Total);
        var secondIvr = await api.Messages(new { dateFrom = Json.Iso(from), dateTo = Json.Iso(Now), ivrInstID = EmulatorData.IvrSecondInstance });
        Assert.Equal(all.Count(m => m.IvrInstanceId == EmulatorData.IvrSecondInstance), secondIvr.Total);
    }

    [Fact]
    public async Task A_capped_limit_serves_fewer_records_and_computes_more_available_from_the_limit_asked_for()
    {
        await using var running = await Start(p => p.LimitCap = 7);
        var (server, api) = (running.Server, running.Api);
        var from = Now.AddDays(-6);
        var total = Truth.Messages(server.Data, api.BotId, from, Now).Count;
        Assert.True(total > 120, $"{total} messages");
        var first = await api.Messages(new { dateFrom = Json.Iso(from), dateTo = Json.Iso(Now), limit = 100 });
        Assert.Equal(7, first.Ids("messages", "_id").Count);
        Assert.True(first.MoreAvailable);
        var nearEnd = await api.Messages(new { dateFrom = Json.Iso(from), dateTo = Json.Iso(Now), limit = 100, skip = total - 50 });
        Assert.Equal(7, nearEnd.Ids("messages", "_id").Count);
        Assert.False(nearEnd.MoreAvailable);

        var sessions = await api.Sessions(new { limit = 1000 });
        Assert.Equal(7, sessions.Ids("sessions", "sessionId").Count);
        Assert.False(sessions.MoreAvailable);
        Assert.True(sessions.Total > 7);
    }
}

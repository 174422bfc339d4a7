using Xunit.Abstractions;

namespace KoreHistory.Client.Tests.RealTenants;

// A platform that caps `limit` silently and computes moreAvailable from the limit asked for. Reads whose pages stay
// within the cap are right on this branch; a read with more messages than the cap in one window needs the paged
// reader to follow a moreAvailable:false page while skip + returned < total (ReaderWorkTests).
public sealed class TenantWithLimitCapTests(TenantWithLimitCap tenant, ITestOutputHelper output)
    : TenantReads<TenantWithLimitCap>(tenant, output), IClassFixture<TenantWithLimitCap>
{
    [Fact]
    public async Task A_session_of_each_shape_typed_alone_returns_all_its_messages()
    {
        foreach (var session in Tenant.Sample())
        {
            Assert.True(session.MessageCount < TenantWithLimitCap.Cap);
            var (messages, _) = await ReadAsync(new KoreMessageQuery { SessionIds = [session.SessionId] });

            AssertExactly(Tenant.Truth([session]), messages, [session.SessionId]);
        }
    }

    [Fact]
    public async Task Sessions_by_id_beyond_the_cap_are_all_found_without_a_false_warning()
    {
        var ids = Tenant.Mine.Take(80).Select(s => s.SessionId).ToList();
        using var connection = Tenant.Connect();
        var log = new TenantLog();

        var sessions = await connection.GetSessions(new KoreSessionQuery { SessionIds = ids }, log.Options).CollectAsync();

        Assert.Equal(ids.Order(StringComparer.Ordinal), sessions.Select(s => s.SessionId).Order(StringComparer.Ordinal));
        Assert.Empty(log.InvalidSessionIds);
        Assert.DoesNotContain(log.Warnings, w => w.Contains("sessionId filter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_page_size_within_the_cap_a_piped_export_is_complete()
    {
        var (sessions, messages, log, _) = await ReadPipedAsync(Now.AddDays(-9), Now.AddDays(-2), new KoreMessageQuery { PageSize = TenantWithLimitCap.Cap });

        var piped = sessions.Select(s => Tenant.Data.FindSession(s.SessionId)!).ToList();
        AssertExactly(Tenant.Truth(piped), messages, piped.Select(s => s.SessionId));
        Output.WriteLine($"{Tenant.Name}: {piped.Count} piped sessions, {messages.Count} messages, {log.Cost} (page size {TenantWithLimitCap.Cap})");
    }

    [Fact]
    public async Task Unknown_ids_are_reported()
    {
        var (none, log) = await ReadAsync(new KoreMessageQuery { SessionIds = [UnknownIdNear(Tenant.Mine[5])] });
        var (noMessage, messageLog) = await ReadAsync(new KoreMessageQuery { MessageId = "ms-doesnotexist" });

        Assert.Empty(none);
        Assert.Empty(noMessage);
        Assert.Single(log.InvalidSessionIds);
        Assert.Equal(["ms-doesnotexist"], messageLog.InvalidMessageIds);
    }
}

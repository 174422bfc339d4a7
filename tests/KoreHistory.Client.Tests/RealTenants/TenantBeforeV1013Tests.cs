using Xunit.Abstractions;

namespace KoreHistory.Client.Tests.RealTenants;

// A platform before v10.1.3: getSessions ignores sessionId and answers its default window.
public sealed class TenantBeforeV1013Tests(TenantBeforeV1013 tenant, ITestOutputHelper output)
    : SessionReadTests<TenantBeforeV1013>(tenant, output), IClassFixture<TenantBeforeV1013>
{
    [Fact]
    public async Task A_typed_id_is_found_by_date_and_the_read_says_so_once()
    {
        var old = Tenant.Mine.First(s => s.StartTime < Now.AddDays(-20));

        var (messages, log) = await ReadAsync(new KoreMessageQuery { SessionIds = [old.SessionId] });

        AssertExactly(Tenant.Truth([old]), messages, [old.SessionId]);
        Assert.Contains("ignores the sessionId filter", Assert.Single(log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_dates_a_typed_id_needs_no_look_up_at_all()
    {
        var session = Tenant.Mine.Last(s => s.StartTime < Now.AddDays(-3) && s.MessageCount > 2);

        var (messages, log) = await ReadAsync(new KoreMessageQuery { SessionIds = [session.SessionId], From = Now.AddDays(-6), To = Now });

        AssertExactly(Tenant.Truth([session], Now.AddDays(-6), Now), messages, [session.SessionId]);
        Assert.Equal(0, log.Count("/getSessions"));
        Assert.Empty(log.Warnings);
    }
}

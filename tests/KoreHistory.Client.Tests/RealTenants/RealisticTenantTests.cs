using KoreHistory.Emulator;
using Xunit.Abstractions;

namespace KoreHistory.Client.Tests.RealTenants;

// The emulator as it is by default: realistic data, kore-api.md's platform.
public sealed class RealisticTenantTests(RealisticTenant tenant, ITestOutputHelper output)
    : SessionReadTests<RealisticTenant>(tenant, output), IClassFixture<RealisticTenant>
{
    [Fact]
    public async Task The_sample_has_every_shape_real_tenants_show()
    {
        var sample = Tenant.Sample();
        Assert.Contains(sample, s => s.EndTime == s.StartTime);
        Assert.Contains(sample, s => Tenant.Data.MessagesOf(s.SessionId)[0].CreatedOn < s.StartTime);
        Assert.Contains(sample, s => Tenant.Data.MessagesOf(s.SessionId)[^1].CreatedOn > s.EndTime.AddMinutes(14));
        Assert.Contains(sample, s => s.Channel == "korevg");
        Assert.Contains(sample, s => s.IvrInstanceId == EmulatorData.IvrSecondInstance);
        Assert.Contains(sample, s => s.StartTime < Now.AddDays(-20));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_read_by_span_alone_would_lose_messages_that_a_read_by_session_keeps()
    {
        // What the module did before issue 11: the session's own start_time–end_time as the window.
        var sample = Tenant.Sample().Where(s => Tenant.Data.MessagesOf(s.SessionId).Any(m => m.CreatedOn < s.StartTime || m.CreatedOn > s.EndTime)).ToList();
        Assert.NotEmpty(sample);
        foreach (var session in sample)
        {
            var (bySpan, _) = await ReadAsync(new KoreMessageQuery { SessionIds = [session.SessionId], From = session.StartTime, To = session.EndTime.AddMilliseconds(1) });
            var (bySession, _) = await ReadAsync(new KoreMessageQuery { SessionIds = [session.SessionId] });

            Assert.True(bySpan.Count < session.MessageCount, $"{session}: {bySpan.Count} of {session.MessageCount} in its span");
            Assert.Equal(session.MessageCount, bySession.Count);
        }
    }
}

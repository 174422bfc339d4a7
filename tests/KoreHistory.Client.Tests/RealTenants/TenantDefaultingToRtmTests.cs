using KoreHistory.Emulator;
using Xunit.Abstractions;

namespace KoreHistory.Client.Tests.RealTenants;

// On a platform whose POST getMessages returns only rtm without a channelType, an ivr session of a second webhook
// instance cannot be read without its instance id: channelType "ivr" alone returns the first instance (kore-api.md).
public sealed class TenantDefaultingToRtmTests(TenantDefaultingToRtm tenant, ITestOutputHelper output)
    : SessionReadTests<TenantDefaultingToRtm>(tenant, output), IClassFixture<TenantDefaultingToRtm>
{
    protected override bool Reachable(EmulatedSession session) => session.IvrInstanceId != EmulatorData.IvrSecondInstance;

    [Fact]
    public async Task An_ivr_session_of_another_webhook_instance_comes_with_its_instance_id()
    {
        var second = Tenant.Mine.First(s => s.IvrInstanceId == EmulatorData.IvrSecondInstance);

        var (messages, _) = await ReadAsync(new KoreMessageQuery { SessionIds = [second.SessionId], IvrInstanceId = EmulatorData.IvrSecondInstance });

        AssertExactly(Tenant.Truth([second]), messages, [second.SessionId]);
    }

    [Fact]
    public async Task A_read_by_date_without_a_channel_returns_only_rtm_and_several_channels_return_them_all()
    {
        var (from, to) = (Now.AddDays(-2), Now);
        var truth = Tenant.Data.Messages(Tenant.BotId).Where(m => m.CreatedOn >= from && m.CreatedOn < to).ToList();

        var (plain, _) = await ReadAsync(new KoreMessageQuery { From = from, To = to });
        var (several, _) = await ReadAsync(new KoreMessageQuery { From = from, To = to, ChannelTypes = ["rtm", "korevg", "msteams"] });

        Assert.Equal(truth.Where(m => m.Channel == "rtm").Select(m => m.MessageId).Order(StringComparer.Ordinal), plain.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(
            truth.Where(m => m.Channel is "rtm" or "korevg" or "msteams").Select(m => m.MessageId).Order(StringComparer.Ordinal),
            several.Select(m => m.MessageId).Order(StringComparer.Ordinal));
    }
}

using System.Globalization;
using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests.RealTenants;

// Issue 11: the emulator with realistic data (messages outside their session's span, zero-length sessions,
// idle-timeout messages, korevg commands), as it is by default, and with each platform variant switched on.
public abstract class Tenant : EmulatorFixtureBase
{
    public abstract string Name { get; }

    protected override void Configure(EmulatorOptions options)
    {
        options.Sessions = 400;
        options.Days = 40;
        options.MessagesPerSession = 6;
        Vary(options.Platform);
    }

    protected abstract void Vary(EmulatorPlatform platform);

    public List<EmulatedSession> Mine => Data.Sessions.Where(s => s.BotId == BotId).ToList();

    // Sessions of every shape real tenants show, and a spread of ordinary ones, oldest first.
    public List<EmulatedSession> Sample()
    {
        var mine = Mine;
        var picks = new List<EmulatedSession>();
        void Take(Func<EmulatedSession, bool> shape, int count = 2) =>
            picks.AddRange(mine.Where(s => !picks.Contains(s) && shape(s)).Take(count));

        Take(s => s.EndTime == s.StartTime && s.MessageCount > 1);
        Take(s => Data.MessagesOf(s.SessionId)[^1].CreatedOn > s.EndTime.AddMinutes(14));
        Take(s => s.EndTime > s.StartTime && Data.MessagesOf(s.SessionId)[0].CreatedOn < s.StartTime);
        Take(s => s.Channel == "korevg");
        Take(s => s.IvrInstanceId == EmulatorData.IvrFirstInstance, 1);
        Take(s => s.IvrInstanceId == EmulatorData.IvrSecondInstance, 1);
        Take(s => IdSeconds(s) != s.StartTime.ToUnixTimeSeconds());
        Take(s => s.StartTime < Now.AddDays(-20) && s.SessionTags.Count > 0);
        Take(s => s.Status == "active", 1);
        picks.AddRange(mine.Where((s, i) => i % 37 == 5 && !picks.Contains(s)));
        return picks.OrderBy(s => s.StartTime).ToList();
    }

    // Every message the API holds with these sessions' ids, optionally only those with a time in [from, to).
    public HashSet<string> Truth(IEnumerable<EmulatedSession> sessions, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        sessions.SelectMany(s => Data.MessagesOf(s.SessionId))
            .Where(m => (from is null || m.CreatedOn >= from) && (to is null || m.CreatedOn < to))
            .Select(m => m.MessageId)
            .ToHashSet(StringComparer.Ordinal);

    private static long IdSeconds(EmulatedSession s) => long.Parse(s.SessionId[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

public sealed class RealisticTenant : Tenant
{
    public override string Name => "realistic (default)";

    protected override void Vary(EmulatorPlatform platform)
    {
    }
}

public sealed class TenantBeforeV1013 : Tenant
{
    public override string Name => "no getSessions sessionId filter (before v10.1.3)";

    protected override void Vary(EmulatorPlatform platform) => platform.SessionIdFilter = false;
}

public sealed class TenantWithInclusiveDateTo : Tenant
{
    public override string Name => "inclusive dateTo";

    protected override void Vary(EmulatorPlatform platform) => platform.InclusiveDateTo = true;
}

public sealed class TenantDefaultingToRtm : Tenant
{
    public override string Name => "POST getMessages defaults to rtm";

    protected override void Vary(EmulatorPlatform platform) => platform.PostDefaultsToRtm = true;
}

public sealed class TenantWithLimitCap : Tenant
{
    public const int Cap = 30;

    public override string Name => $"limit silently capped at {Cap}";

    protected override void Vary(EmulatorPlatform platform) => platform.LimitCap = Cap;
}

using KoreHistory.Emulator;
using Xunit.Abstractions;

namespace KoreHistory.Client.Tests.RealTenants;

// The reads a user makes, against one tenant, compared with the emulator's ground truth.
public abstract class TenantReads<TTenant>
    where TTenant : Tenant
{
    protected TenantReads(TTenant tenant, ITestOutputHelper output)
    {
        Tenant = tenant;
        Output = output;
    }

    protected TTenant Tenant { get; }

    protected ITestOutputHelper Output { get; }

    protected static DateTimeOffset Now => EmulatorFixtureBase.Now;

    private protected async Task<(List<KoreMessage> Messages, TenantLog Log)> ReadAsync(KoreMessageQuery query, int? pageSize = null)
    {
        using var connection = Tenant.Connect();
        var log = new TenantLog();
        if (pageSize is { } size)
        {
            query.PageSize = size;
        }

        var messages = await connection.GetMessages(query, log.Options).CollectAsync();
        return (messages, log);
    }

    // Get-KoreSession … | Get-KoreMessage: each session through the batcher, each ready query read.
    private protected async Task<(List<KoreSession> Sessions, List<KoreMessage> Messages, TenantLog Log, int Batches)> ReadPipedAsync(
        DateTimeOffset from, DateTimeOffset to, KoreMessageQuery? template = null)
    {
        using var connection = Tenant.Connect();
        var log = new TenantLog();
        var sessions = await connection.GetSessions(new KoreSessionQuery { From = from, To = to }, log.Options).CollectAsync();
        var batcher = new KoreSessionBatcher(template);
        var queries = sessions.Select(s => batcher.Add(s.ToSpan())).OfType<KoreMessageQuery>().ToList();
        queries.AddRange(batcher.Flush());
        var messages = new List<KoreMessage>();
        foreach (var query in queries)
        {
            messages.AddRange(await connection.GetMessages(query, log.Options).CollectAsync());
        }

        return (sessions, messages, log, queries.Count);
    }

    // No message lost, none twice, none of another session.
    private protected static void AssertExactly(HashSet<string> expected, IReadOnlyCollection<KoreMessage> messages, IEnumerable<string> sessionIds)
    {
        var asked = sessionIds.ToHashSet(StringComparer.Ordinal);
        Assert.All(messages, m => Assert.Contains(m.SessionId, asked));
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        var got = messages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.SetEquals(got),
            $"missing: {string.Join(", ", expected.Except(got).Take(5))}; unexpected: {string.Join(", ", got.Except(expected).Take(5))}");
    }

    // An id shaped like a real one, with a plausible time, that no session has.
    protected static string UnknownIdNear(EmulatedSession near) => near.SessionId[..8] + "0123456789abcdef";

    // Sessions a read cannot reach on this tenant without more help from the user (see the variant's test class).
    protected virtual bool Reachable(EmulatedSession session) => true;

    protected List<EmulatedSession> ReachableSample() => Tenant.Sample().Where(Reachable).ToList();
}

namespace KoreHistory.Client.Tests.RealTenants;

// What a read reported besides its records, and what it cost.
internal sealed class TenantLog
{
    private readonly object sync = new();

    public List<string> InvalidSessionIds { get; } = [];

    public List<string> InvalidMessageIds { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<KoreRequestLog> Requests { get; } = [];

    public KoreReadOptions Options => new()
    {
        OnRequest = r => { lock (sync) { Requests.Add(r); } },
        OnInvalidSessionId = id => { lock (sync) { InvalidSessionIds.Add(id); } },
        OnInvalidMessageId = id => { lock (sync) { InvalidMessageIds.Add(id); } },
        OnWarning = w => { lock (sync) { Warnings.Add(w); } },
    };

    public int Count(string route) => Requests.Count(r => r.Path.Split('?')[0].EndsWith(route, StringComparison.Ordinal));

    public string Cost => $"{Count("/getSessions")} getSessions + {Count("/getMessages")} getMessages requests";
}

using System.Collections.Concurrent;

namespace KoreHistory.Emulator;

/// What the emulator has served, for tests: every request that reached an API route counts, whatever its answer.
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, long> byRoute = new(StringComparer.Ordinal);
    private long total;
    private long tooManyRequests;
    private long faults;
    private long succeeded;

    public long TotalRequests => Interlocked.Read(ref total);

    /// 429 answers given by the rate limiter (injected 429 faults count under FaultsInjected).
    public long TooManyRequests => Interlocked.Read(ref tooManyRequests);
    public long FaultsInjected => Interlocked.Read(ref faults);

    /// Requests answered 200 with data.
    public long Succeeded => Interlocked.Read(ref succeeded);

    public long RequestsTo(string route) => byRoute.TryGetValue(route, out var n) ? n : 0;

    public IReadOnlyDictionary<string, long> RequestsByRoute => new Dictionary<string, long>(byRoute, StringComparer.Ordinal);

    public void Reset()
    {
        byRoute.Clear();
        Interlocked.Exchange(ref total, 0);
        Interlocked.Exchange(ref tooManyRequests, 0);
        Interlocked.Exchange(ref faults, 0);
        Interlocked.Exchange(ref succeeded, 0);
    }

    internal void CountRequest(string route)
    {
        byRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
        Interlocked.Increment(ref total);
    }

    internal void CountTooManyRequests() => Interlocked.Increment(ref tooManyRequests);
    internal void CountFault() => Interlocked.Increment(ref faults);
    internal void CountSuccess() => Interlocked.Increment(ref succeeded);
}

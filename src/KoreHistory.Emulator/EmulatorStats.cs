using System.Collections.Concurrent;

namespace KoreHistory.Emulator;

/// Route names used by EmulatorStats.
public static class EmulatorRoutes
{
    public const string BotSessions = "bot/getSessions";
    public const string BotMessages = "bot/getMessages";
    public const string BotMessagesV2 = "bot/getMessagesV2";
    public const string AdminSessions = "admin/getSessions";
    public const string AdminMessages = "admin/getMessages";
}

/// What the emulator has served, for tests: every request that reached an API route counts, whatever its answer.
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, long> _byRoute = new(StringComparer.Ordinal);
    private long _total;
    private long _tooManyRequests;
    private long _faults;
    private long _succeeded;

    public long TotalRequests => Interlocked.Read(ref _total);

    /// 429 answers given by the rate limiter (injected 429 faults count under FaultsInjected).
    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);
    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// Requests answered 200 with data.
    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long RequestsTo(string route) => _byRoute.TryGetValue(route, out var n) ? n : 0;

    public IReadOnlyDictionary<string, long> RequestsByRoute => new Dictionary<string, long>(_byRoute, StringComparer.Ordinal);

    public void Reset()
    {
        _byRoute.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _tooManyRequests, 0);
        Interlocked.Exchange(ref _faults, 0);
        Interlocked.Exchange(ref _succeeded, 0);
    }

    internal void CountRequest(string route)
    {
        _byRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }

    internal void CountTooManyRequests() => Interlocked.Increment(ref _tooManyRequests);
    internal void CountFault() => Interlocked.Increment(ref _faults);
    internal void CountSuccess() => Interlocked.Increment(ref _succeeded);
}

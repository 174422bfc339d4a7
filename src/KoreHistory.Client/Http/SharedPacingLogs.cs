using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace KoreHistory.Client;

// One pacing log per host and budget for the whole process, so that every connection to the same host and bot
// (a reconnect, several runspaces, thread jobs, ForEach-Object -Parallel) shares the bot's one budget, as the API
// counts it (60 a minute and 1,800 an hour per bot). The module loads the engine once per process (one load context
// on PowerShell 7, one AppDomain on 5.1), so this static is process-wide. Logs are kept per clock: a test's fake
// clock gets logs of its own.
internal static class SharedPacingLogs
{
    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, PacingLog>> LogsByClock = new();

    public static PacingLog For(TimeProvider clock, Uri baseUri, string paceKey) =>
        LogsByClock.GetValue(clock, _ => new ConcurrentDictionary<string, PacingLog>(StringComparer.Ordinal))
            .GetOrAdd(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + " " + paceKey, _ => new PacingLog(clock));
}

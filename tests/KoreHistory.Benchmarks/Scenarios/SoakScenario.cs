using System.Diagnostics;
using KoreHistory.Client;

namespace KoreHistory.Benchmarks.Scenarios;

// Soak: 1,000,000 messages over 60 days (nine API windows) with 5 % of requests failing, drawn from every fault
// kind that answers quickly (Timeout and the 2-second Retry-After date are left to the xunit fault suite, where
// a short timeout is set). Lost = the API's own total for the range minus the distinct ids exported; duplicates =
// ids exported more than once. Both must be 0. Peak memory is this process's (the emulator runs in its own),
// and includes the 64-bit hash set used to find duplicates (about 40 MB for a million ids).
// Run: dotnet run -c Release --project tests/KoreHistory.Benchmarks -- soak
internal sealed class SoakScenario : IScenario
{
    private static readonly string[] FaultKinds =
    [
        "ServerError500", "BadGateway502", "ServiceUnavailable503", "GatewayTimeout504",
        "TooManyRequestsRetryAfterSeconds", "TooManyRequestsNoRetryAfter", "RateLimitMessageUnderOtherStatus",
        "DropConnection", "TruncatedBody", "HtmlPageWith200", "Unauthorized401",
    ];

    private static readonly EmulatorSetup Setup = new(
        Sessions: 125_000, Days: 60, MessagesPerSession: 8, PerMinute: 1_000_000, PerHour: 10_000_000, LatencyMs: 0,
        Extra: ["--fault-rate", "0.05", "--fault-kinds", string.Join(",", FaultKinds)]);

    public string Name => "soak";

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(61);
        using var connection = Engine.Connect(emulator, Setup, s =>
        {
            s.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            s.MaxAttempts = 8;
            s.RequestTimeout = TimeSpan.FromSeconds(30);
        });

        var attempts = 0;
        var retries = 0;
        var options = new KoreReadOptions
        {
            OnRequest = log =>
            {
                Interlocked.Increment(ref attempts);
                if (log.Attempt > 1)
                {
                    Interlocked.Increment(ref retries);
                }
            },
        };
        var seen = new HashSet<ulong>();
        long exported = 0;
        long duplicates = 0;
        long peakManaged = 0;
        var watch = Stopwatch.StartNew();
        var results = connection.GetMessages(new KoreMessageQuery { From = from, To = to }, options);
        await foreach (var message in results.ConfigureAwait(false))
        {
            exported++;
            if (!seen.Add(Fnv1a64(message.MessageId)))
            {
                duplicates++;
            }

            if (exported % 10_000 == 0)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var total = results.TotalCount ?? -1;
        var lost = total - seen.Count;
        using var self = Process.GetCurrentProcess();
        report.Figure("api-total", total, "", goal: "≥ 900,000", met: total >= 900_000);
        report.Figure("exported", exported, "");
        report.Figure("lost", lost, "", goal: "0", met: lost == 0);
        report.Figure("duplicates", duplicates, "", goal: "0", met: duplicates == 0);
        report.Figure("requests", attempts, "", note: $"pages needed: about {Math.Ceiling(total / 100.0):0}");
        report.Figure("retries", retries, "", note: "attempts after the first, incl. fresh-token retries of a 401");
        report.Figure("wall-seconds", seconds, "s");
        report.Figure("peak-working-set", self.PeakWorkingSet64 / (1024.0 * 1024.0), "MB", note: "this process's peak since it started: run `-- soak` alone for the soak's own");
        report.Figure("peak-managed-heap", peakManaged / (1024.0 * 1024.0), "MB", note: "sampled every 10,000 messages");
    }

    // 64-bit FNV-1a of the id: a million ids in a HashSet<ulong> instead of a million strings (a collision,
    // about 3e-8 likely here, would show as a duplicate and a loss, never hide one).
    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}

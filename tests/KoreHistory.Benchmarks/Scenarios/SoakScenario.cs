namespace KoreHistory.Benchmarks.Scenarios;

// Soak: 1,000,000 messages over 60 days (nine API windows) with 5 % of requests failing, drawn from every fault
// kind that answers quickly (Timeout and the 2-second Retry-After date are left to the xunit fault suite, where
// a short timeout is set). The read runs in a child process of its own (ClientProbe), which sends a 64-bit hash of
// each message id to the benchmark; the benchmark keeps the set, so the child's peak working set and managed heap
// are the client's alone. Lost = the API's own total for the range minus the distinct ids exported; duplicates =
// ids exported more than once. Opt-in: dotnet run -c Release --project tests/KoreHistory.Benchmarks -- soak
internal sealed class SoakScenario : IScenario
{
    private const double Mib = 1024.0 * 1024.0;

    // Every kind a later attempt can fix. An HTML page with 200 is retried once only (issue 12: a gateway's page is
    // seldom transient), so two of them drawn for one request would end the read by design.
    private static readonly string[] FaultKinds =
    [
        "ServerError500", "BadGateway502", "ServiceUnavailable503", "GatewayTimeout504",
        "TooManyRequestsRetryAfterSeconds", "TooManyRequestsNoRetryAfter", "RateLimitMessageUnderOtherStatus",
        "DropConnection", "TruncatedBody", "Unauthorized401",
    ];

    private static readonly EmulatorSetup Setup = new(
        Sessions: 125_000, Days: 60, MessagesPerSession: 8, PerMinute: EmulatorSetup.Unbound, PerHour: EmulatorSetup.Unbound, LatencyMs: 0,
        Extra: ["--fault-rate", "0.05", "--fault-kinds", string.Join(",", FaultKinds)]);

    public string Name => "soak";

    public bool OptIn => true;

    public async Task RunAsync(Report report)
    {
        using var emulator = await EmulatorProcess.StartAsync(Setup).ConfigureAwait(false);
        var to = DateTimeOffset.UtcNow;
        var from = to - TimeSpan.FromDays(61);
        var seen = new HashSet<ulong>();
        long duplicates = 0;
        var result = await ClientProbe.RunAsync(emulator.Endpoint, new ClientProbe.ProbeRequest("engine", from, to, EmitIds: true, Soak: true), id =>
        {
            if (!seen.Add(id))
            {
                duplicates++;
            }
        }).ConfigureAwait(false);
        var counts = await emulator.CountsAsync().ConfigureAwait(false);

        var total = result.ApiTotal ?? -1;
        var lost = total - seen.Count;
        var peak = result.PeakWorkingSetBytes / Mib;
        report.Figure("api-total", total, "", goal: "≥ 900,000", met: total >= 900_000);
        report.Figure("exported", result.Messages, "");
        report.Figure("lost", lost, "", goal: "0", met: lost == 0);
        report.Figure("duplicates", duplicates, "", goal: "0", met: duplicates == 0);
        report.Figure("requests", counts.Requests, "",
            note: $"counted by the emulator, {counts.Faults} faults injected, {counts.TooManyRequests} limiter 429s; pages needed: about {Math.Ceiling(total / 100.0):0}");
        report.Figure("retries", result.Retries, "", note: "attempts after the first, incl. fresh-token retries of a 401");
        report.Figure("wall-seconds", result.Seconds, "s");
        report.Figure("peak-working-set", peak, "MiB", note: "the reading process's own peak", goal: "< 150", met: peak < 150);
        report.Figure("peak-managed-heap", result.PeakManagedBytes / Mib, "MiB", note: "GC.GetTotalMemory sampled every 20 ms");
    }
}

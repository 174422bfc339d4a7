using System.Diagnostics;

namespace KoreHistory.Client;

// The pacer's clock outside tests: a stopwatch that never goes back.
internal sealed class SystemPacingClock : IPacingClock
{
    public static readonly SystemPacingClock Instance = new();
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();

    public TimeSpan Now => stopwatch.Elapsed;

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
}

using System.Diagnostics;

namespace KoreHistory.Client;

// Time for the pacer: monotonic, and replaceable by a fake in tests.
internal interface IPacingClock
{
    TimeSpan Now { get; }

    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

internal sealed class SystemPacingClock : IPacingClock
{
    public static readonly SystemPacingClock Instance = new();
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();

    public TimeSpan Now => stopwatch.Elapsed;

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
}

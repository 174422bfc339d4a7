namespace KoreHistory.Client;

// Time for the pacer: monotonic, and replaceable by a fake in tests.
internal interface IPacingClock
{
    TimeSpan Now { get; }

    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

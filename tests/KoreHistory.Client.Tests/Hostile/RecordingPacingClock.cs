using System.Diagnostics;
using KoreHistory.Client;

namespace KoreHistory.Client.Tests.Hostile;

// The real clock, noting every wait the pacers ask of it: a wait is how a test sees the budget being shared.
internal sealed class RecordingPacingClock : IPacingClock
{
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private readonly List<TimeSpan> delays = [];

    public TimeSpan Now => stopwatch.Elapsed;

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (delays)
            {
                return delays.ToList();
            }
        }
    }

    public void Clear()
    {
        lock (delays)
        {
            delays.Clear();
        }
    }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (delays)
        {
            delays.Add(delay);
        }

        return Task.Delay(delay, cancellationToken);
    }
}

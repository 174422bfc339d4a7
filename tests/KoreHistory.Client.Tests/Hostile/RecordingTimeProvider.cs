namespace KoreHistory.Client.Tests.Hostile;

// The real clock, noting every wait that ran its course: a pacer's wait is how a test sees the budget being shared
// (a request's timeout, which never fires when the server answers, is not noted).
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> delays = [];

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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(
            timerState =>
            {
                lock (delays)
                {
                    delays.Add(dueTime);
                }

                callback(timerState);
            },
            state,
            dueTime,
            period);
}

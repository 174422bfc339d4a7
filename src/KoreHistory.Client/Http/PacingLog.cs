namespace KoreHistory.Client;

// The requests sent against one rate-limit budget (a bot, or the admin routes, on one host): the slots of every
// pacer that reads it. Pacers of several connections share one log (see SharedPacingLogs), each checking its own
// limits against every request the server counts.
internal sealed class PacingLog
{
    private readonly long origin;

    public PacingLog(TimeProvider clock)
    {
        Clock = clock;
        origin = clock.GetTimestamp();
    }

    // The monotonic clock every slot of the log is stamped by.
    public TimeProvider Clock { get; }

    // Where the clock stands, as the time since the log was made: the scale of every stamp in it.
    public TimeSpan Now => Clock.GetElapsedTime(origin);

    public object Gate { get; } = new();

    // Guarded by Gate.
    public List<PacingSlot> Slots { get; } = [];

    // The longest window any pacer of this log checks: a completed slot older than that is of use to none. Guarded by Gate.
    public TimeSpan Retention { get; set; }
}

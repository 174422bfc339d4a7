namespace KoreHistory.Client;

// The requests sent against one rate-limit budget (a bot, or the admin routes, on one host): the slots of every
// pacer that reads it. Pacers of several connections share one log (see SharedPacingLogs), each checking its own
// limits against every request the server counts.
internal sealed class PacingLog
{
    public object Gate { get; } = new();

    // Guarded by Gate.
    public List<RollingWindowPacer.Slot> Slots { get; } = [];

    // The longest window any pacer of this log checks: a completed slot older than that is of use to none. Guarded by Gate.
    public TimeSpan Retention { get; set; }
}

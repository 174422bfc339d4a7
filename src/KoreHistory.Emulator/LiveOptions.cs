namespace KoreHistory.Emulator;

/// The live mode: while the emulator runs it keeps writing new conversations to the main bot, as a tenant in use
/// does, so an incremental export has something new each time. Some messages are written late, with a time a little
/// in the past (as a history API shows messages that reached its store after others), at most LateMax before the
/// clock. Off when MessagesPerSecond is 0. What it wrote is in EmulatorData (GroundTruth) and on the
/// /emulator/ground-truth route.
public sealed class LiveOptions
{
    /// New messages a second (0: the live mode is off).
    public double MessagesPerSecond { get; set; }

    /// Share (0..1) of the new messages written with a time in the past.
    public double LateShare { get; set; } = 0.2;

    /// How far in the past a late message may be, at most.
    public TimeSpan LateMax { get; set; } = TimeSpan.FromSeconds(10);

    /// Share (0..1) of the new messages that start a new session rather than continue an open one.
    public double NewSessionShare { get; set; } = 0.125;

    public bool IsOn => MessagesPerSecond > 0;

    internal void Validate()
    {
        if (MessagesPerSecond < 0 || MessagesPerSecond > 10_000) throw new ArgumentException("Live MessagesPerSecond must be between 0 and 10000.");
        if (LateShare < 0 || LateShare > 1) throw new ArgumentException("Live LateShare must be between 0 and 1.");
        if (LateMax < TimeSpan.Zero || LateMax > TimeSpan.FromDays(1)) throw new ArgumentException("Live LateMax must be between 0 and 1 day.");
        if (NewSessionShare < 0 || NewSessionShare > 1) throw new ArgumentException("Live NewSessionShare must be between 0 and 1.");
    }
}

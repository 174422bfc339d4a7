namespace KoreHistory.Client;

// One request's place in a pacing log: reserved before it is sent, stamped again when its response ends.
internal sealed class PacingSlot
{
    private readonly PacingLog log;

    public PacingSlot(PacingLog log, TimeSpan stamp)
    {
        this.log = log;
        Stamp = stamp;
    }

    // On the log's scale (PacingLog.Now).
    public TimeSpan Stamp { get; private set; }

    public bool Completed { get; private set; }

    // The response has ended: the server counted this request no later than now.
    public void Complete()
    {
        lock (log.Gate)
        {
            Stamp = log.Now;
            Completed = true;
        }
    }
}

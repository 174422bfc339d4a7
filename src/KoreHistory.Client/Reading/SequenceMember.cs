namespace KoreHistory.Client;

// A read's part in its sequence, kept by the read (KoreResults) and seen by the sequence.
internal sealed class SequenceMember
{
    private readonly Func<long?, CancellationToken, Task> prime;
    private long remaining = -1;
    private volatile bool started;
    private volatile bool ended;
    private volatile bool primed;

    // prime(limit, ct): makes the read's first request ahead, asking for at most `limit` records (null: a page).
    public SequenceMember(int maxConcurrentRequests, Func<long?, CancellationToken, Task> prime)
    {
        MaxConcurrentRequests = maxConcurrentRequests;
        this.prime = prime;
    }

    public int MaxConcurrentRequests { get; }

    // The read is being consumed (its own first request made or taken).
    public bool Started
    {
        get => started;
        set => started = value;
    }

    public bool Ended
    {
        get => ended;
        set => ended = value;
    }

    // Its first request was made ahead by the sequence.
    public bool Primed
    {
        get => primed;
        set => primed = value;
    }

    // Records the read may still hand over, as far as its windows' totals tell; null when they do not tell yet.
    public long? Remaining
    {
        get
        {
            var value = Interlocked.Read(ref remaining);
            return value < 0 ? null : value;
        }
        set => Interlocked.Exchange(ref remaining, value ?? -1);
    }

    public Task Prime(long? limit, CancellationToken cancellationToken) => prime(limit, cancellationToken);
}

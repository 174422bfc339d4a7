namespace KoreHistory.Client;

/// <summary>
/// What a consumer wants of one read, or of several reads it consumes one after another as one stream (a command's
/// batches of piped sessions): the first <see cref="Skip"/> results are passed over by the server (the API's
/// <c>skip</c>, and whole windows passed over by their totals), never read and dropped, and at most
/// <see cref="First"/> results are handed over, counted over every read given this sequence through
/// <see cref="KoreReadOptions.Sequence"/>, in the order the reads were made. No page is asked for beyond what is still
/// wanted, and a page asks for no more records than that.
/// The reads share one MaxConcurrentRequests, and while one of them is consumed, the first request of the next one goes
/// out (only when the current one's totals show it cannot supply what is still wanted), so a stream of reads does not
/// wait a round trip between them. Consume the reads in the order they were made, one at a time. Dispose ends the
/// requests made ahead for reads that were never consumed.
/// </summary>
public sealed class KoreReadSequence : IDisposable
{
    private readonly object gate = new();
    private readonly List<SequenceMember> members = [];
    private readonly List<Task> primes = [];
    private readonly CancellationTokenSource disposal = new();
    private long skipped;
    private long handedOver;
    private int pagesConsumed;
    private int outstanding;
    private bool disposed;

    /// <summary>A sequence that passes over <paramref name="skip"/> results and hands over at most
    /// <paramref name="first"/> (null: every result).</summary>
    public KoreReadSequence(long skip = 0, long? first = null)
    {
        if (skip < 0)
        {
            throw new KoreValidationException($"Skip must be 0 or more; it was {skip}.", nameof(Skip));
        }

        if (first < 0)
        {
            throw new KoreValidationException($"First must be 0 or more; it was {first}.", nameof(First));
        }

        Skip = skip;
        First = first;
    }

    /// <summary>Results passed over before the first one handed over.</summary>
    public long Skip { get; }

    /// <summary>The most results handed over; null for every result.</summary>
    public long? First { get; }

    /// <summary>Results the server has passed over so far (at most <see cref="Skip"/>).</summary>
    public long Skipped => Interlocked.Read(ref skipped);

    /// <summary>Results handed over so far, over every read of the sequence.</summary>
    public long HandedOver => Interlocked.Read(ref handedOver);

    // Results still to pass over: the skip of the next request of the read being consumed.
    internal long SkipLeft => Math.Max(0, Skip - Skipped);

    // Results still wanted; null when there is no limit.
    internal long? Wanted => First is { } first ? Math.Max(0, first - HandedOver) : null;

    // Pages the consumer has come back from so far: how far read-ahead has ramped up (see PagedReader).
    internal int PagesConsumed => Volatile.Read(ref pagesConsumed);

    // Page requests of the sequence's reads in flight or answered and not yet handed over.
    internal int Outstanding => Volatile.Read(ref outstanding);

    /// <summary>Ends a request made ahead for a read that is never consumed.</summary>
    public void Dispose()
    {
        Task[] running;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            running = [.. primes];
        }

        disposal.Cancel();
        // A request made ahead ends at once when cancelled; what it ended with is of no interest any more.
        Task.WhenAll(running).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default).GetAwaiter().GetResult();
        disposal.Dispose();
    }

    internal void PassedOver(long count) => Interlocked.Add(ref skipped, count);

    internal void Handed(int count) => Interlocked.Add(ref handedOver, count);

    // The consumer came back for more after a page.
    internal void Consumed()
    {
        Interlocked.Increment(ref pagesConsumed);
        Poke();
    }

    internal void SlotTaken() => Interlocked.Increment(ref outstanding);

    internal void SlotFreed()
    {
        Interlocked.Decrement(ref outstanding);
        Poke();
    }

    internal void Register(SequenceMember member)
    {
        lock (gate)
        {
            members.Add(member);
        }

        Poke();
    }

    // Something changed that may let the read after the one being consumed make its first request: that read was
    // made, the current one started or ended, told what it may still hand over, a page was consumed or a request ended.
    internal void Poke()
    {
        SequenceMember? next;
        long? limit = null;
        CancellationToken token;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var head = members.FindIndex(m => !m.Ended);
            if (head < 0 || head + 1 >= members.Count)
            {
                return;
            }

            var current = members[head];
            next = members[head + 1];

            // One slot stays free for the request the current read needs next, so the sequence never has more
            // than MaxConcurrentRequests requests out (1 reads one page after another, nothing ahead); and, like any
            // read-ahead, a request made ahead waits until pages have been consumed (see PagedReader).
            var ahead = Math.Min(current.MaxConcurrentRequests - 1, PagesConsumed);
            if (next.Primed || next.Started || !current.Started || Outstanding >= ahead || SkipLeft > 0)
            {
                return;
            }

            if (Wanted is { } wanted)
            {
                if (current.Remaining is not { } remaining || remaining >= wanted)
                {
                    return;
                }

                limit = wanted - remaining;
            }

            next.Primed = true;
            token = disposal.Token;
            SlotTaken();
        }

        var prime = next.Prime(limit, token);
        lock (gate)
        {
            primes.Add(prime);
        }
    }
}

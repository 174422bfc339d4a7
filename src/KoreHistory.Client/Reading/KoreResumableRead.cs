using System.Runtime.CompilerServices;

namespace KoreHistory.Client;

/// <summary>
/// A read of a date range that can stop anywhere and be resumed, in this process or another, without losing or
/// repeating a record: every page comes with the <see cref="KoreReadCheckpoint"/> that a read resumed right after it
/// starts from (see <see cref="KoreResumableReads"/>). Nothing is requested until it is enumerated. The engine keeps
/// no state of its own between reads: the caller keeps the checkpoint (the module writes it beside its files).
/// </summary>
public sealed class KoreResumableRead<T>
{
    private readonly Func<ResumeLedger<T>, CancellationToken, IAsyncEnumerable<KoreCheckpointedPage<T>>> read;
    private readonly KoreReadCheckpoint? resumed;
    private long itemsRead;
    private int started;

    internal KoreResumableRead(DateTime start, DateTime to, KoreReadCheckpoint? resumed, RecordKeys<T> keys, Func<ResumeLedger<T>, CancellationToken, IAsyncEnumerable<KoreCheckpointedPage<T>>> read)
    {
        Start = start;
        To = to;
        this.resumed = resumed;
        Keys = keys;
        this.read = read;
        Checkpoint = resumed ?? new KoreReadCheckpoint(start);
    }

    /// <summary>Where this read starts (UTC): the checkpoint's <see cref="KoreReadCheckpoint.Through"/>, or the query's From.</summary>
    public DateTime Start { get; }

    /// <summary>Where it ends (UTC, exclusive): the query's To.</summary>
    public DateTime To { get; }

    /// <summary>
    /// The checkpoint after every record handed over so far; once the enumeration has ended without an error, the one
    /// after the whole range (its <see cref="KoreReadCheckpoint.Through"/> is <see cref="To"/>).
    /// </summary>
    public KoreReadCheckpoint Checkpoint { get; private set; }

    /// <summary>Whether there is nothing left to read (the range ends at or before where it starts).</summary>
    public bool IsEmpty => Start >= To;

    /// <summary>Records handed over so far.</summary>
    public long ItemsRead => Interlocked.Read(ref itemsRead);

    internal RecordKeys<T> Keys { get; }

    /// <summary>
    /// The pages, each with its checkpoint; a page is asked for only when the previous one has been taken. Enumerate
    /// once. Stopping early (an error, a cancelled token, a spent <see cref="KoreRequestBudget"/>) leaves
    /// <see cref="Checkpoint"/> after the last page handed over.
    /// </summary>
    public async IAsyncEnumerable<KoreCheckpointedPage<T>> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException("A resumable read is enumerated once; resume from its Checkpoint for another.");
        }

        if (IsEmpty)
        {
            yield break;
        }

        var ledger = new ResumeLedger<T>(Keys, Start, resumed);
        await foreach (var page in read(ledger, cancellationToken).ConfigureAwait(false))
        {
            Checkpoint = page.Checkpoint;
            Interlocked.Add(ref itemsRead, page.Items.Count);
            yield return page;
        }

        Checkpoint = ledger.Completed(To);
    }
}

using System.Collections.Concurrent;
using KoreHistory.Client;

namespace KoreHistory.Reading;

/// Runs an engine read on a worker thread and hands what happens to the pipeline thread, which takes one event at a
/// time with Take and writes it (a cmdlet may write only on its pipeline thread). Every request is sent from the
/// worker, so the pipeline thread wakes for whichever comes first: items, a request line, a wait, a warning.
/// The worker reads a page at a time and asks for the next page only once the pipeline thread has taken every item
/// handed over and comes back for more, which is when an item-by-item reader would have asked: a command that stops
/// early (-First, Select-Object -First, Ctrl+C) sends no request it would not have sent on the pipeline thread, and
/// memory holds what the engine reads ahead plus a bounded queue of items. Notices (requests, waits, unknown ids) are
/// few (one or two per request) and never hold the engine back. Dispose stops the read and returns once no request
/// of it is running.
internal sealed class ReadPump<T> : IDisposable
{
    /// Items handed over at once, at most: those that were ready together, so the pipeline thread wakes once per run.
    public const int ChunkSize = 100;

    /// Runs of items that may wait for the pipeline thread before the read waits for it.
    public const int QueuedChunks = 4;

    private readonly BlockingCollection<ReadEvent<T>> notices = new(new ConcurrentQueue<ReadEvent<T>>());
    // Items, the total and the completion, in order; one slot more than the item runs, for the completion.
    private readonly BlockingCollection<ReadEvent<T>> items = new(new ConcurrentQueue<ReadEvent<T>>(), QueuedChunks + 1);
    private readonly BlockingCollection<ReadEvent<T>>[] noticesFirst;
    // Set by the pipeline thread when it has taken every run of items handed over; the worker waits for it before it
    // asks the engine for the next page.
    private readonly ManualResetEventSlim wanted = new();
    private int runsHanded;
    private int runsTaken;
    private CancellationTokenSource? stop;
    private Task? worker;
    private ReadEvent<T>? completion;
    private volatile bool disposed;

    public ReadPump()
    {
        noticesFirst = [notices, items];
        Options = new KoreReadOptions
        {
            OnRequest = request => Post(ReadEvent<T>.OfRequest(request)),
            OnWait = wait => Post(ReadEvent<T>.OfWait(wait)),
            OnInvalidSessionId = id => Post(ReadEvent<T>.OfInvalidSessionId(id)),
            OnInvalidMessageId = id => Post(ReadEvent<T>.OfInvalidMessageId(id)),
            OnWarning = warning => Post(ReadEvent<T>.OfWarning(warning)),
        };
    }

    /// The callbacks to give the engine's read. They run on the engine's threads and only queue.
    public KoreReadOptions Options { get; }

    /// Starts reading on a worker thread: first the total (when asked for), then the pages. The read stops when
    /// cancellationToken is cancelled or the pump is disposed.
    public void Start(Func<CancellationToken, IAsyncEnumerator<IReadOnlyList<T>>> pages, Func<CancellationToken, Task<long>>? totalCount, CancellationToken cancellationToken)
    {
        if (worker is not null)
        {
            throw new InvalidOperationException("The read has already started.");
        }
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        worker = Task.Factory.StartNew(() => Run(pages, totalCount, token), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// The next event for the pipeline thread, or null when nothing came within timeout. Notices come before items
    /// that are already queued; the completion comes last, after every item and notice. Throws
    /// OperationCanceledException when cancellationToken is cancelled.
    public ReadEvent<T>? Take(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (worker is null)
        {
            throw new InvalidOperationException("Start the read first.");
        }
        if (completion is null)
        {
            // Back for more with everything taken: the worker may ask for the next page.
            if (Volatile.Read(ref runsTaken) == Volatile.Read(ref runsHanded))
            {
                wanted.Set();
            }
            if (BlockingCollection<ReadEvent<T>>.TryTakeFromAny(noticesFirst, out var next, (int)timeout.TotalMilliseconds, cancellationToken) < 0
                || next is null)
            {
                return null;
            }
            if (next.Kind == ReadEventKind.Items)
            {
                Interlocked.Increment(ref runsTaken);
            }
            if (next.Kind != ReadEventKind.Completed)
            {
                return next;
            }
            completion = next;
        }
        // The read has ended: what its callbacks queued on the way out still comes first.
        return notices.TryTake(out var notice) ? notice : completion;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        stop?.Cancel();
        // The worker ends once the engine has finished the requests it cancelled: nothing runs after this returns.
        worker?.GetAwaiter().GetResult();
        stop?.Dispose();
        wanted.Dispose();
        notices.Dispose();
        items.Dispose();
    }

    private void Run(Func<CancellationToken, IAsyncEnumerator<IReadOnlyList<T>>> pages, Func<CancellationToken, Task<long>>? totalCount, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            if (totalCount is not null)
            {
                var total = totalCount(cancellationToken).GetAwaiter().GetResult();
                items.Add(ReadEvent<T>.OfTotalCount(total), cancellationToken);
            }
            ReadPages(pages(cancellationToken), cancellationToken);
        }
        catch (Exception e)
        {
            error = e;
        }
        try
        {
            items.Add(ReadEvent<T>.OfCompletion(error), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the pipeline thread no longer takes anything.
        }
    }

    private void ReadPages(IAsyncEnumerator<IReadOnlyList<T>> pages, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                WaitUntilWanted(cancellationToken);
                var moveNext = pages.MoveNextAsync();
                if (!(moveNext.IsCompletedSuccessfully ? moveNext.Result : moveNext.AsTask().GetAwaiter().GetResult()))
                {
                    break;
                }
                // The page is ours (KoreResults.ReadPagesAsync): each run handed over is cleared from it, so a page of
                // 10,000 messages (getMessagesV2) does not keep the ones already written alive while the rest are.
                var page = pages.Current;
                var clearable = page as T[] ?? (IList<T>?)(page as List<T>);
                for (var start = 0; start < page.Count; start += ChunkSize)
                {
                    var run = new T[Math.Min(ChunkSize, page.Count - start)];
                    for (var i = 0; i < run.Length; i++)
                    {
                        run[i] = page[start + i];
                        if (clearable is not null)
                        {
                            clearable[start + i] = default!;
                        }
                    }
                    Interlocked.Increment(ref runsHanded);
                    items.Add(ReadEvent<T>.OfItems(run), cancellationToken);
                }
            }
        }
        finally
        {
            // Waits for the requests the read cancelled.
            pages.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    // Until the pipeline thread has taken every run handed over and come back for more.
    private void WaitUntilWanted(CancellationToken cancellationToken)
    {
        while (true)
        {
            wanted.Wait(cancellationToken);
            wanted.Reset();
            if (Volatile.Read(ref runsTaken) == Volatile.Read(ref runsHanded))
            {
                return;
            }
        }
    }

    private void Post(ReadEvent<T> notice)
    {
        if (disposed)
        {
            return;
        }
        try
        {
            notices.Add(notice);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the add: nobody is listening any more.
        }
    }
}

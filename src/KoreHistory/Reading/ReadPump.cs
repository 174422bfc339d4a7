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
/// of it is running. The queues are guarded by one lock; each thread waits outside it, on an event of its own that
/// does not spin (on a machine whose cores the emulator or other work also needs, a spinning wait takes time from the
/// thread it waits for) and that a cancelled token ends.
internal sealed class ReadPump<T> : IDisposable
{
    /// Items handed over at once, at most: those that were ready together, so the pipeline thread wakes once per run.
    public const int ChunkSize = 100;

    /// Runs of items that may wait for the pipeline thread before the read waits for it.
    public const int QueuedChunks = 4;

    private readonly object gate = new();
    private readonly Queue<ReadEvent<T>> notices = new();
    // Items, the total and the completion, in order.
    private readonly Queue<ReadEvent<T>> items = new();
    private int runsHanded;
    private int runsTaken;
    // Set by the pipeline thread when it has taken every run of items handed over and comes back for more; the worker
    // waits for it before it asks the engine for the next page.
    private bool wanted;
    private CancellationTokenSource? stop;
    private Task? worker;
    private ReadEvent<T>? completion;
    private bool disposed;
    // Set when something is queued for the pipeline thread; set when the pipeline thread takes a run or comes back for
    // more (what the worker waits for). Each is waited on by one thread only, outside the lock.
    private readonly ManualResetEventSlim queued = new(false, spinCount: 0);
    private readonly ManualResetEventSlim taken = new(false, spinCount: 0);

    public ReadPump()
    {
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

    /// The next event for the pipeline thread, or null when nothing came within timeout (TimeSpan.Zero: what is there
    /// now). Notices come before items that are already queued; the completion comes last, after every item and notice.
    /// Throws OperationCanceledException when cancellationToken is cancelled.
    public ReadEvent<T>? Take(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (worker is null)
        {
            throw new InvalidOperationException("Start the read first.");
        }
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (gate)
            {
                queued.Reset();
                if (completion is not null)
                {
                    // The read has ended: what its callbacks queued on the way out still comes first.
                    return notices.Count > 0 ? notices.Dequeue() : completion;
                }
                // Back for more with everything taken: the worker may ask for the next page.
                if (runsTaken == runsHanded && !wanted)
                {
                    wanted = true;
                    taken.Set();
                }
                if (notices.Count > 0)
                {
                    return notices.Dequeue();
                }
                if (items.Count > 0)
                {
                    var next = items.Dequeue();
                    if (next.Kind == ReadEventKind.Items)
                    {
                        runsTaken++;
                        taken.Set();
                    }
                    if (next.Kind != ReadEventKind.Completed)
                    {
                        return next;
                    }
                    completion = next;
                    continue;
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !queued.Wait(left, cancellationToken))
            {
                return null;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
        }
        stop?.Cancel();
        // The worker ends once the engine has finished the requests it cancelled: nothing runs after this returns.
        if (worker is not null)
        {
            WaitWithoutSpinning(worker);
            worker.GetAwaiter().GetResult();
        }
        stop?.Dispose();
        queued.Dispose();
        taken.Dispose();
    }

    private void Run(Func<CancellationToken, IAsyncEnumerator<IReadOnlyList<T>>> pages, Func<CancellationToken, Task<long>>? totalCount, CancellationToken cancellationToken)
    {
        Exception? error = null;
        try
        {
            if (totalCount is not null)
            {
                // Asked for when the pipeline thread first comes for something, like the first page: a read started
                // ahead (a piped batch) sends nothing that a satisfied -First makes unnecessary.
                WaitUntilWanted(cancellationToken);
                var total = totalCount(cancellationToken);
                WaitWithoutSpinning(total);
                Enqueue(ReadEvent<T>.OfTotalCount(total.GetAwaiter().GetResult()), bounded: false, cancellationToken);
            }
            ReadPages(pages(cancellationToken), cancellationToken);
        }
        catch (Exception e)
        {
            error = e;
        }
        try
        {
            Enqueue(ReadEvent<T>.OfCompletion(error), bounded: false, cancellationToken);
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
                bool more;
                if (moveNext.IsCompletedSuccessfully)
                {
                    more = moveNext.Result;
                }
                else
                {
                    var next = moveNext.AsTask();
                    WaitWithoutSpinning(next);
                    more = next.GetAwaiter().GetResult();
                }
                if (!more)
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
                    Enqueue(ReadEvent<T>.OfItems(run), bounded: true, cancellationToken);
                }
            }
        }
        finally
        {
            // Waits for the requests the read cancelled.
            var disposing = pages.DisposeAsync().AsTask();
            WaitWithoutSpinning(disposing);
            disposing.GetAwaiter().GetResult();
        }
    }

    // Queues an event for the pipeline thread; a run of items waits while QueuedChunks runs wait to be taken.
    private void Enqueue(ReadEvent<T> next, bool bounded, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (gate)
            {
                taken.Reset();
                if (!bounded || runsHanded - runsTaken < QueuedChunks)
                {
                    if (bounded)
                    {
                        runsHanded++;
                    }
                    items.Enqueue(next);
                    queued.Set();
                    return;
                }
            }
            taken.Wait(cancellationToken);
        }
    }

    // Until the pipeline thread has taken every run handed over and come back for more.
    private void WaitUntilWanted(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (gate)
            {
                taken.Reset();
                if (wanted && runsTaken == runsHanded)
                {
                    wanted = false;
                    return;
                }
            }
            taken.Wait(cancellationToken);
        }
    }

    // Blocks until the task has ended, without the spinning of Task.Wait (which, on a busy machine, takes time from the
    // threads that would end it).
    private static void WaitWithoutSpinning(Task task)
    {
        if (task.IsCompleted)
        {
            return;
        }
        using var done = new ManualResetEventSlim(false, spinCount: 0);
        task.ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), done, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        done.Wait();
    }

    private void Post(ReadEvent<T> notice)
    {
        lock (gate)
        {
            if (disposed)
            {
                // Nobody takes anything any more.
                return;
            }
            notices.Enqueue(notice);
            queued.Set();
        }
    }
}

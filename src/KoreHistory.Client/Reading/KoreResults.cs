using System.Runtime.CompilerServices;

namespace KoreHistory.Client;

/// <summary>
/// A lazy, paged result: nothing is requested until it is enumerated (or its total is asked for, or its sequence asks
/// for its first page ahead). Pages are read ahead by at most the connection's MaxConcurrentRequests and handed over in
/// order, never beyond what its KoreReadSequence still wants (see PagedReader).
/// </summary>
public sealed class KoreResults<T> : IAsyncEnumerable<T>
{
    private readonly Func<KoreResults<T>, CancellationToken, Task<IReadOnlyList<PageSeries>>> planner;
    private readonly Func<KoreResults<T>, CancellationToken, Task<IReadOnlyList<PageSeries>>>? followUp;
    private readonly Action? followedUp;
    private readonly Func<PageSeries, int, CancellationToken, Task<Page<T>>> fetchPage;
    private readonly Action<string>? onInvalidSessionId;
    private readonly RecordKeys<T> keys;
    private readonly int maxConcurrentRequests;
    private readonly KoreReadSequence sequence;
    private readonly SequenceMember member;
    private readonly object stateLock = new();
    private readonly List<string> invalidSessionIds = [];
    private readonly HashSet<string> reportedInvalid = new(StringComparer.Ordinal);
    private Task<IReadOnlyList<PageSeries>>? planTask;
    private AskedPage<T>?[]? firstPages;
    private bool[]? firstTaken;
    private long?[]? totals;
    private long itemsRead;

    // planner and followUp are given these results (to report unknown ids to); followedUp runs once the follow-up's
    // pages are all read, unless the consumer stopped wanting them; sequence: what the consumer wants and the reads this
    // one is consumed with (null: everything, alone).
    internal KoreResults(
        Func<KoreResults<T>, CancellationToken, Task<IReadOnlyList<PageSeries>>> planner,
        Func<PageSeries, int, CancellationToken, Task<Page<T>>> fetchPage,
        Action<string>? onInvalidSessionId,
        RecordKeys<T> keys,
        int maxConcurrentRequests,
        Func<KoreResults<T>, CancellationToken, Task<IReadOnlyList<PageSeries>>>? followUp = null,
        KoreReadSequence? sequence = null,
        Action? followedUp = null)
    {
        this.planner = planner;
        this.followUp = followUp;
        this.followedUp = followedUp;
        this.fetchPage = fetchPage;
        this.onInvalidSessionId = onInvalidSessionId;
        this.keys = keys;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.sequence = sequence ?? new KoreReadSequence();
        member = new SequenceMember(Math.Max(1, maxConcurrentRequests), PrimeAsync);
        this.sequence.Register(member);
    }

    /// <summary>Results handed over so far.</summary>
    public long ItemsRead => Interlocked.Read(ref itemsRead);

    /// <summary>The API's total summed over every window and batch; null until each has answered once.</summary>
    public long? TotalCount
    {
        get
        {
            lock (stateLock)
            {
                if (totals is null)
                {
                    return null;
                }

                long sum = 0;
                foreach (var total in totals)
                {
                    if (total is not { } known)
                    {
                        return null;
                    }

                    sum += known;
                }

                return sum;
            }
        }
    }

    /// <summary>Session ids the API reported as unknown so far.</summary>
    public IReadOnlyList<string> InvalidSessionIds
    {
        get
        {
            lock (stateLock)
            {
                return invalidSessionIds.ToArray();
            }
        }
    }

    /// <summary>
    /// Fetches the first page of every window/batch not yet fetched (kept for the enumeration, not wasted),
    /// up to MaxConcurrentRequests at a time; each asks for no more records than the sequence may still want of it.
    /// </summary>
    public async Task<long> GetTotalCountAsync(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        using var gate = new SemaphoreSlim(Math.Max(1, maxConcurrentRequests));
        await Task.WhenAll(Enumerable.Range(0, plan.Count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                bool known;
                lock (stateLock)
                {
                    known = totals![i] is not null || firstPages![i] is not null;
                }

                if (!known)
                {
                    var series = sequence.Wanted is { } wanted ? plan[i].WithLimit((int)Math.Min(int.MaxValue, sequence.SkipLeft + wanted)) : plan[i];
                    var page = await FetchFirstAsync(i, series, 0, cancellationToken).ConfigureAwait(false);
                    _ = page.Total;
                    lock (stateLock)
                    {
                        firstPages![i] = new AskedPage<T>(Task.FromResult(page), 0, series.Limit, holdsSlot: false, cancel: null);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        // A first page asked for ahead by the sequence tells its total when it is answered (and parsed).
        Task<Page<T>>[] ahead;
        lock (stateLock)
        {
            ahead = Enumerable.Range(0, plan.Count).Where(i => totals![i] is null && firstPages![i] is not null).Select(i => firstPages![i]!.Page).ToArray();
        }

        foreach (var page in await Task.WhenAll(ahead).ConfigureAwait(false))
        {
            _ = page.Total;
        }

        return TotalCount ?? 0;
    }

    /// <summary>The results one by one, in order; pages are read ahead as <see cref="KoreConnection.MaxConcurrentRequests"/> allows.</summary>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref itemsRead);
                yield return item;
            }
        }
    }

    /// <summary>
    /// The same read a page at a time (each page's items, in order, empty pages left out). A page is asked for exactly
    /// when the item enumeration would ask for its first item, so a consumer on another thread can take a whole page
    /// and ask for the next one only when it wants more: stopping early costs what it costs item by item.
    /// Each list is the consumer's own: the engine keeps no reference to it nor to its items, so a consumer that clears
    /// what it is done with (the list is an array or a List) lets those items go while it works through the rest.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<T>> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(cancellationToken).ConfigureAwait(false))
        {
            var items = page.TakeItems();
            if (items.Count > 0)
            {
                Interlocked.Add(ref itemsRead, items.Count);
                yield return items;
            }
        }
    }

    // The plan's pages, then, once the plan is read, the follow-up's: what the plan could not tell (ids that returned
    // nothing) is checked, and read if need be. Its sequence learns when it starts, what it may still hand over, and
    // when it has ended.
    private async IAsyncEnumerable<Page<T>> PagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        member.Started = true;
        try
        {
            var reader = await ReaderAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var page in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            if (followUp is null || sequence.Wanted == 0)
            {
                yield break;
            }

            Remaining(null);
            var more = await followUp(this, cancellationToken).ConfigureAwait(false);
            if (more.Count == 0)
            {
                yield break;
            }

            var extra = new PagedReader<T>(more, (request, ct) => FetchAsync(request.Series, request.Skip, ct), _ => null, keys, maxConcurrentRequests, sequence, Remaining);
            await foreach (var page in extra.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            if (sequence.Wanted != 0)
            {
                followedUp?.Invoke();
            }
        }
        finally
        {
            member.Ended = true;
            member.Remaining = 0;
            sequence.Poke();
        }
    }

    private async Task<PagedReader<T>> ReaderAsync(CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        return new PagedReader<T>(
            plan,
            (request, ct) => request.IsFirst
                ? FetchFirstAsync(request.SeriesIndex, request.Series, request.Skip, ct)
                : FetchAsync(request.Series, request.Skip, ct),
            TakeFirstPageAskedAhead,
            keys,
            maxConcurrentRequests,
            sequence,
            Remaining);
    }

    private void Remaining(long? remaining)
    {
        member.Remaining = remaining;
        sequence.Poke();
    }

    private AskedPage<T>? TakeFirstPageAskedAhead(int index)
    {
        lock (stateLock)
        {
            var page = firstPages![index];
            firstPages[index] = null;
            firstTaken![index] = true;
            return page;
        }
    }

    // Asked by the sequence while the read before this one is consumed: plans, and asks for the first page of the first
    // window (at most `limit` records) so that it is there when this read is consumed. The request holds one of the
    // sequence's slots until the reader takes its page; a reader that got there first makes it unnecessary.
    private async Task PrimeAsync(long? limit, CancellationToken cancellationToken)
    {
        TaskCompletionSource<Page<T>>? answer = null;
        try
        {
            var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
            if (plan.Count == 0)
            {
                return;
            }

            var series = limit is { } most ? plan[0].WithLimit((int)Math.Min(int.MaxValue, most)) : plan[0];
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ended = false;
            void Cancel()
            {
                lock (cancellation)
                {
                    if (!ended)
                    {
                        cancellation.Cancel();
                    }
                }
            }

            lock (stateLock)
            {
                if (firstTaken![0] || firstPages![0] is not null)
                {
                    return;
                }

                answer = new TaskCompletionSource<Page<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
                firstPages[0] = new AskedPage<T>(answer.Task, 0, series.Limit, holdsSlot: true, Cancel);
            }

            try
            {
                answer.SetResult(await FetchFirstAsync(0, series, 0, cancellation.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                answer.SetCanceled();
            }
            catch (Exception exception)
            {
                answer.SetException(exception);
            }
            finally
            {
                lock (cancellation)
                {
                    ended = true;
                }
            }
        }
        finally
        {
            if (answer is null)
            {
                sequence.SlotFreed();
            }
        }
    }

    /// <summary>
    /// For a cmdlet's pipeline thread: blocks on each step. The engine never captures a synchronization
    /// context, so this cannot deadlock.
    /// </summary>
    public IEnumerable<T> ToBlockingEnumerable(CancellationToken cancellationToken = default)
    {
        var enumerator = GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                var moveNext = enumerator.MoveNextAsync();
                var hasItem = moveNext.IsCompletedSuccessfully ? moveNext.Result : moveNext.AsTask().GetAwaiter().GetResult();
                if (!hasItem)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    // Planned once (a failed or cancelled plan is tried again by the next caller).
    internal Task<IReadOnlyList<PageSeries>> PlanAsync(CancellationToken cancellationToken)
    {
        lock (stateLock)
        {
            if (planTask is null || planTask.IsFaulted || planTask.IsCanceled)
            {
                planTask = RunPlanAsync(cancellationToken);
            }

            return planTask;
        }
    }

    private async Task<IReadOnlyList<PageSeries>> RunPlanAsync(CancellationToken cancellationToken)
    {
        var plan = await planner(this, cancellationToken).ConfigureAwait(false);
        lock (stateLock)
        {
            firstPages = new AskedPage<T>?[plan.Count];
            firstTaken = new bool[plan.Count];
            totals = new long?[plan.Count];
        }

        return plan;
    }

    internal void ReportInvalidSessionIds(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            bool isNew;
            lock (stateLock)
            {
                isNew = reportedInvalid.Add(id);
                if (isNew)
                {
                    invalidSessionIds.Add(id);
                }
            }

            if (isNew)
            {
                onInvalidSessionId?.Invoke(id);
            }
        }
    }

    // A series' first page: the total it tells is kept for the series at `index` of the plan, once it is parsed.
    private async Task<Page<T>> FetchFirstAsync(int index, PageSeries series, int skip, CancellationToken cancellationToken)
    {
        var page = await FetchAsync(series, skip, cancellationToken).ConfigureAwait(false);
        return page.WhenParsed(parsed =>
        {
            lock (stateLock)
            {
                totals![index] = parsed.Total;
            }
        });
    }

    // What the page tells of unknown session ids is taken once it is parsed (a large page only when the reader takes it).
    private async Task<Page<T>> FetchAsync(PageSeries series, int skip, CancellationToken cancellationToken)
    {
        var page = await fetchPage(series, skip, cancellationToken).ConfigureAwait(false);
        return page.WhenParsed(parsed =>
        {
            if (parsed.InvalidSessionIds.Count > 0)
            {
                ReportInvalidSessionIds(parsed.InvalidSessionIds);
            }
        });
    }
}

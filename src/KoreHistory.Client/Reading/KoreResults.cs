namespace KoreHistory.Client;

// A lazy, paged result: nothing is requested until it is enumerated (or its total is asked for), and
// each next page is fetched only when the previous one has been consumed.
public sealed class KoreResults<T> : IAsyncEnumerable<T>
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<Segment>>> planner;
    private readonly Func<Segment, int, CancellationToken, Task<Page<T>>> fetchPage;
    private readonly Action<string>? onInvalidSessionId;
    private readonly Func<T, string>? identityOf;
    private readonly object stateLock = new();
    private readonly List<string> invalidSessionIds = [];
    private readonly HashSet<string> reportedInvalid = new(StringComparer.Ordinal);
    private Task<IReadOnlyList<Segment>>? planTask;
    private Page<T>?[]? firstPages;
    private long?[]? totals;
    private long itemsRead;

    internal KoreResults(
        Func<CancellationToken, Task<IReadOnlyList<Segment>>> planner,
        Func<Segment, int, CancellationToken, Task<Page<T>>> fetchPage,
        Action<string>? onInvalidSessionId,
        Func<T, string>? identityOf = null)
    {
        this.planner = planner;
        this.fetchPage = fetchPage;
        this.onInvalidSessionId = onInvalidSessionId;
        this.identityOf = identityOf;
    }

    public long ItemsRead => Interlocked.Read(ref itemsRead);

    // The API's total summed over every window and batch; null until each has answered once.
    public long? TotalCount
    {
        get
        {
            lock (stateLock)
            {
                if (totals is null || totals.Any(t => t is null))
                {
                    return null;
                }

                return totals.Sum(t => t!.Value);
            }
        }
    }

    // Session ids the API reported as unknown so far.
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

    // Fetches the first page of every window/batch not yet fetched (kept for the enumeration, not wasted).
    public async Task<long> GetTotalCountAsync(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < plan.Count; i++)
        {
            bool known;
            lock (stateLock)
            {
                known = totals![i] is not null;
            }

            if (!known)
            {
                var page = await FetchAsync(plan[i], i, 0, cancellationToken).ConfigureAwait(false);
                lock (stateLock)
                {
                    firstPages![i] = page;
                }
            }
        }

        return TotalCount ?? 0;
    }

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < plan.Count; i++)
        {
            Page<T>? page;
            lock (stateLock)
            {
                page = firstPages![i];
                firstPages[i] = null;
            }

            page ??= await FetchAsync(plan[i], i, 0, cancellationToken).ConfigureAwait(false);
            var skip = 0;
            HashSet<string>? previousPage = null;
            while (true)
            {
                // A record added to the part already read (in the API's order) shifts every later page by one:
                // the next page then starts with records of this one. Those repeats are dropped; skip still
                // advances by what the API returned.
                var thisPage = identityOf is null ? null : new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in page.Items)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (thisPage is not null)
                    {
                        var id = identityOf!(item);
                        thisPage.Add(id);
                        if (previousPage is not null && previousPage.Contains(id))
                        {
                            continue;
                        }
                    }

                    Interlocked.Increment(ref itemsRead);
                    yield return item;
                }

                if (!page.HasMoreAfter(skip))
                {
                    break;
                }

                previousPage = thisPage;
                skip += page.Items.Count;
                page = await FetchAsync(plan[i], i, skip, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // For a cmdlet's pipeline thread: blocks on each step. The engine never captures a synchronization
    // context, so this cannot deadlock.
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
    internal Task<IReadOnlyList<Segment>> PlanAsync(CancellationToken cancellationToken)
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

    private async Task<IReadOnlyList<Segment>> RunPlanAsync(CancellationToken cancellationToken)
    {
        var plan = await planner(cancellationToken).ConfigureAwait(false);
        lock (stateLock)
        {
            firstPages = new Page<T>?[plan.Count];
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

    private async Task<Page<T>> FetchAsync(Segment segment, int index, int skip, CancellationToken cancellationToken)
    {
        var page = await fetchPage(segment, skip, cancellationToken).ConfigureAwait(false);
        if (skip == 0)
        {
            lock (stateLock)
            {
                totals![index] = page.Total;
            }
        }

        if (page.InvalidSessionIds.Count > 0)
        {
            ReportInvalidSessionIds(page.InvalidSessionIds);
        }

        return page;
    }
}

namespace KoreHistory.Client;

// How a record is placed in its segment's order: its time (the field the API sorts and windows by) and its id.
internal sealed class RecordKeys<T>
{
    public RecordKeys(Func<T, DateTimeOffset> timeOf, Func<T, string> idOf)
    {
        TimeOf = timeOf;
        IdOf = idOf;
    }

    public Func<T, DateTimeOffset> TimeOf { get; }

    public Func<T, string> IdOf { get; }
}

// Reads a plan's segments in order, with at most `degree` page requests in flight and not yet handed over.
// Once a segment's first page has told its total, its other pages are requested at fixed offsets
// (skip = k × page size), which is sound because every window's end is pinned when the query is made; while
// they are in flight, the next segments' first pages may be requested too. Pages are handed over strictly in
// order, so memory holds at most `degree` pages besides the one being read.
// Every planned page is checked against the plan (same total, the expected count, moreAvailable where it
// ends). When one disagrees, the records of that window changed while it was read: the pages planned after it
// are dropped, and the rest of the window is read sequentially from the last record handed over (the window
// narrowed to end there, that record's millisecond included and its records already handed over skipped), so
// nothing that was there is lost and nothing is handed over twice. Pages read sequentially (degree 1, short
// windows, the rest after a change) are checked the same way: a total that moves between two pages resumes the
// read from the last record handed over.
internal sealed class PagedReader<T>
{
    private readonly IReadOnlyList<Segment> plan;
    private readonly Func<int, Segment, int, bool, CancellationToken, Task<Page<T>>> fetch;
    private readonly Func<int, Page<T>?> takeKnownFirstPage;
    private readonly RecordKeys<T> keys;
    private readonly int degree;
    private readonly SegmentRead[] reads;
    private readonly List<Pending> unwanted = [];
    private int outstanding;

    // Nothing is read ahead until the reader comes back for more than the first page, so a read stopped within
    // it (Select-Object -First 3) costs one request, as it did sequentially.
    private bool readingAhead;

    // fetch(index, segment, skip, isFirstPage, ct); takeKnownFirstPage(index): a first page fetched earlier, or null.
    public PagedReader(
        IReadOnlyList<Segment> plan,
        Func<int, Segment, int, bool, CancellationToken, Task<Page<T>>> fetch,
        Func<int, Page<T>?> takeKnownFirstPage,
        RecordKeys<T> keys,
        int degree)
    {
        this.plan = plan;
        this.fetch = fetch;
        this.takeKnownFirstPage = takeKnownFirstPage;
        this.keys = keys;
        this.degree = Math.Max(1, degree);
        reads = new SegmentRead[plan.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = new SegmentRead();
        }
    }

    // Requests in flight or answered and not yet handed over (for tests of the memory bound).
    internal int Outstanding => outstanding;

    public async IAsyncEnumerable<Page<T>> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Cancelled when the reader stops early (Select-Object -First), so requests still in flight end at once.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        try
        {
            for (var index = 0; index < plan.Count; index++)
            {
                var segment = plan[index];
                var read = reads[index];
                StartMore(index, token);
                if (!read.FirstStarted)
                {
                    StartFirst(index, read, token);
                }

                var first = await TakeAsync(read.First!).ConfigureAwait(false);
                read.First = null;
                PlanRest(read, segment, first);
                StartMore(index, token);
                var tail = new HandedOverTail(keys);
                tail.Add(first);
                yield return first;
                readingAhead = true;

                var handedOver = first.Items.Count;
                var last = first;
                var planBroken = false;
                for (var k = 1; k < read.PlannedPages; k++)
                {
                    StartMore(index, token);
                    var page = await TakeAsync(read.Planned[k - 1]!).ConfigureAwait(false);
                    read.Planned[k - 1] = null;
                    if (!Agrees(page, first.Total, segment.PageSize, k, read.PlannedPages))
                    {
                        Abandon(read.Planned, k);
                        read.PlannedPages = 0;
                        planBroken = true;
                        break;
                    }

                    StartMore(index, token);
                    tail.Add(page);
                    yield return page;
                    handedOver += page.Items.Count;
                    last = page;
                }

                if (read.PlannedPages > 0)
                {
                    continue;
                }

                await foreach (var page in ReadRestAsync(index, segment, last, handedOver, planBroken, tail, token).ConfigureAwait(false))
                {
                    yield return page;
                }
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var read in reads)
            {
                Unwanted(read.First);
                foreach (var pending in read.Planned)
                {
                    Unwanted(pending);
                }
            }

            // A read that stops (Select-Object -First, Ctrl+C, an error) leaves no request running behind it:
            // what it cancelled has ended when the enumerator is disposed.
            await Task.WhenAll(unwanted.Select(pending => pending.Ended)).ConfigureAwait(false);
        }
    }

    // The rest of a segment, page after page from what was handed over. Skip-based pages are sound only while the
    // window's records stay put: when a planned page disagreed (planBroken), or the total moves between pages, the
    // rest is read from the last record handed over instead (see the class comment). A segment without a window
    // (by id, around a message) cannot be narrowed and pages on by count.
    private async IAsyncEnumerable<Page<T>> ReadRestAsync(int index, Segment segment, Page<T> last, int handedOver, bool planBroken, HandedOverTail tail, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var reading = segment;
        var skip = handedOver;
        HashSet<string>? alreadyHandedOver = null;
        long? expectedTotal = last.Total;
        var more = last.HasMoreAfter(handedOver - last.Items.Count);
        if (planBroken)
        {
            more = true;
            ResumeFromLastHandedOver();
        }

        while (more)
        {
            var pending = Start(index, reading, skip, isFirst: false, token);
            StartMore(index, token);
            var page = await TakeAsync(pending).ConfigureAwait(false);
            if (expectedTotal is { } total && page.Total != total && ResumeFromLastHandedOver())
            {
                continue;
            }

            expectedTotal = page.Total;
            var fresh = alreadyHandedOver is null ? page : Without(page, alreadyHandedOver);
            if (fresh.Items.Count > 0)
            {
                tail.Add(fresh);
                yield return fresh;
            }

            more = page.HasMoreAfter(skip);
            skip += page.Items.Count;
        }

        // Reads on in the window narrowed to the last millisecond handed over; false when it cannot be narrowed.
        bool ResumeFromLastHandedOver()
        {
            if (ResumeFromTail(segment, tail) is not { } resumed)
            {
                return false;
            }

            (reading, skip, alreadyHandedOver, expectedTotal) = (resumed, 0, tail.IdsAtLast(), null);
            return true;
        }
    }

    // The segment's window narrowed to start (oldest first) or end (newest first) at the last millisecond handed
    // over, that millisecond included; null when the segment has no window or nothing was handed over.
    private static Segment? ResumeFromTail(Segment segment, HandedOverTail tail)
    {
        if (segment.Window is not { } window || tail.Last is not { } last)
        {
            return null;
        }

        return segment.Narrowed(segment.Ascending
            ? new DateWindow(last, window.To)
            : new DateWindow(window.From, DateWindows.CeilingExclusive(last)));
    }

    private Page<T> Without(Page<T> page, HashSet<string> ids)
    {
        var kept = page.Items.Where(item => !ids.Contains(keys.IdOf(item))).ToList();
        return kept.Count == page.Items.Count ? page : new Page<T>(page.Total, page.MoreAvailable, kept, page.InvalidSessionIds);
    }

    // Page k of a plan made from the first page: the same total, a full page (or the remainder on the last one),
    // and no moreAvailable that says otherwise.
    private static bool Agrees(Page<T> page, long total, int pageSize, int k, int plannedPages)
    {
        var expected = Math.Min(pageSize, total - ((long)k * pageSize));
        var isLast = k == plannedPages - 1;
        return page.Total == total
            && page.Items.Count == expected
            && (page.MoreAvailable is null || page.MoreAvailable == !isLast);
    }

    private void PlanRest(SegmentRead read, Segment segment, Page<T> first)
    {
        if (read.PlanDecided)
        {
            return;
        }

        // A short first page with more to come means the server pages by less than asked: read it sequentially.
        if (degree > 1 && first.HasMoreAfter(0) && first.Items.Count == segment.PageSize && first.Total > segment.PageSize)
        {
            read.PlannedPages = (int)Math.Min(int.MaxValue, (first.Total + segment.PageSize - 1) / segment.PageSize);
        }

        read.Planned.Capacity = Math.Max(0, Math.Min(read.PlannedPages - 1, 1024));
        read.PlanDecided = true;
    }

    // Starts requests, earliest in reading order first, until `degree` are outstanding: the planned pages of
    // each segment from `current` on, and each segment's first page (which plans the rest).
    private void StartMore(int current, CancellationToken token)
    {
        // Degree 1 asks for nothing ahead of the reader: each page only when it is needed.
        while (degree > 1 && readingAhead && outstanding < degree && StartNext(current, token))
        {
        }
    }

    private bool StartNext(int current, CancellationToken token)
    {
        for (var index = current; index < plan.Count; index++)
        {
            var read = reads[index];
            if (!read.FirstStarted)
            {
                StartFirst(index, read, token);
                return true;
            }

            if (!read.PlanDecided)
            {
                if (read.First is null || !read.First.Task.IsCompleted)
                {
                    continue;
                }

                if (read.First.Task.Status != TaskStatus.RanToCompletion)
                {
                    return false;
                }

                PlanRest(read, plan[index], read.First.Task.Result);
            }

            if (read.Planned.Count + 1 < read.PlannedPages)
            {
                var k = read.Planned.Count + 1;
                read.Planned.Add(Start(index, plan[index], k * plan[index].PageSize, isFirst: false, token));
                return true;
            }
        }

        return false;
    }

    private void StartFirst(int index, SegmentRead read, CancellationToken token)
    {
        read.FirstStarted = true;
        read.First = takeKnownFirstPage(index) is { } known
            ? new Pending(Task.FromResult(known), counted: false)
            : Start(index, plan[index], 0, isFirst: true, token);
    }

    private Pending Start(int index, Segment segment, int skip, bool isFirst, CancellationToken token)
    {
        outstanding++;
        return new Pending(fetch(index, segment, skip, isFirst, token), counted: true);
    }

    private async Task<Page<T>> TakeAsync(Pending pending)
    {
        try
        {
            return await pending.Task.ConfigureAwait(false);
        }
        finally
        {
            Release(pending);
        }
    }

    private void Release(Pending pending)
    {
        if (pending.Counted && !pending.Released)
        {
            pending.Released = true;
            outstanding--;
        }
    }

    private void Abandon(List<Pending?> planned, int fromK)
    {
        for (var i = fromK; i < planned.Count; i++)
        {
            if (planned[i] is { } pending)
            {
                Release(pending);
                Unwanted(pending);
                planned[i] = null;
            }
        }
    }

    // A request whose page is no longer wanted: its failure or cancellation is of no interest, but it must not go
    // unobserved, and the read waits for it to end before it is done.
    private void Unwanted(Pending? pending)
    {
        if (pending is not null && !pending.Observed)
        {
            pending.Observed = true;
            unwanted.Add(pending);
        }
    }

    // The last millisecond handed over in a segment and the ids handed over at it: where a re-read resumes.
    private sealed class HandedOverTail
    {
        private readonly RecordKeys<T> keys;
        private readonly HashSet<string> idsAtLast = new(StringComparer.Ordinal);

        public HandedOverTail(RecordKeys<T> keys) => this.keys = keys;

        public DateTimeOffset? Last { get; private set; }

        public HashSet<string> IdsAtLast() => new(idsAtLast, StringComparer.Ordinal);

        // Walks back from the page's last record while it shares that record's millisecond, so a page costs the
        // size of its last millisecond, not of the page.
        public void Add(Page<T> page)
        {
            var items = page.Items;
            if (items.Count == 0)
            {
                return;
            }

            var newest = DateWindows.Truncate(keys.TimeOf(items[items.Count - 1]));
            if (newest != Last)
            {
                Last = newest;
                idsAtLast.Clear();
            }

            for (var i = items.Count - 1; i >= 0 && DateWindows.Truncate(keys.TimeOf(items[i])) == newest; i--)
            {
                idsAtLast.Add(keys.IdOf(items[i]));
            }
        }
    }

    private sealed class SegmentRead
    {
        public bool FirstStarted { get; set; }

        // The first page's request until the reader takes it.
        public Pending? First { get; set; }

        public bool PlanDecided { get; set; }

        // Pages in the plan, the first included; 0 when the segment is read sequentially.
        public int PlannedPages { get; set; }

        // The requests for pages 1, 2, … of the plan, in order; each is cleared once its page is taken.
        public List<Pending?> Planned { get; } = [];
    }

    private sealed class Pending
    {
        public Pending(Task<Page<T>> task, bool counted)
        {
            Task = task;
            Counted = counted;
        }

        public Task<Page<T>> Task { get; }

        // Completes when the request has ended, however it ended; reading it observes a failure.
        public Task Ended => Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        public bool Counted { get; }

        public bool Released { get; set; }

        public bool Observed { get; set; }
    }
}

namespace KoreHistory.Client;

// Reads a plan's segments in order, with at most `degree` page requests in flight and not yet handed over.
// Once a segment's first page has told its total, its other pages are requested at fixed offsets
// (skip = k × page size), which is sound because every window's end is pinned when the query is made; while
// they are in flight, the next segments' first pages may be requested too. Pages are handed over strictly in
// order, so memory holds at most `degree` pages besides the one being read.
// Every page is checked by record id and time against what its segment has handed over (SegmentLedger), and every
// planned page against the plan (same total, the expected count, moreAvailable where it ends):
// - a record handed over before is never handed over again (within a window, and on the seam between two windows,
//   SeamLedger: an inclusive dateTo returns the edge's records twice);
// - a page that repeats records or brings records out of order shows that the window moved under the read (records
//   arrived at its head, whatever `total` says), and a planned page that disagrees with the plan that it changed:
//   the page is dropped, so are the pages planned after it, and the rest of the window is read sequentially from the
//   last record handed over (the window narrowed to end there, SegmentLedger.ResumeSegment). A total that moves
//   between two sequential pages resumes the same way;
// - a server that keeps sending nothing new (the same page forever, a window it ignores) ends the read with a
//   KoreResponseException after a few requests, never an endless loop;
// - a page that says moreAvailable: false short of `total` (a server that caps `limit` silently) is followed up
//   until an empty page, at most as many pages as the rest of the total needs.
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

    // Resumes in a row that bring nothing new before the read ends as one the server will not let progress.
    private const int MaxResumesWithoutProgress = 2;

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
        var seams = new SeamLedger();
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
                var ledger = new SegmentLedger<T>(keys, segment, seams);
                var admitted = ledger.Evaluate(first, duplicatesExpected: false);
                ledger.HandOver(admitted.Fresh);
                if (admitted.Fresh.Count > 0)
                {
                    yield return first.With(admitted.Fresh);
                }

                readingAhead = true;

                var skip = first.Items.Count;
                var last = first;
                var planBroken = false;
                for (var k = 1; k < read.PlannedPages; k++)
                {
                    StartMore(index, token);
                    var page = await TakeAsync(read.Planned[k - 1]!).ConfigureAwait(false);
                    read.Planned[k - 1] = null;
                    var admission = Agrees(page, first.Total, segment.PageSize, k, read.PlannedPages) ? ledger.Evaluate(page, duplicatesExpected: false) : null;
                    if (admission is null || admission.Shifted)
                    {
                        Abandon(read.Planned, k);
                        read.PlannedPages = 0;
                        planBroken = true;
                        break;
                    }

                    StartMore(index, token);
                    ledger.HandOver(admission.Fresh);
                    if (admission.Fresh.Count > 0)
                    {
                        yield return page.With(admission.Fresh);
                    }

                    skip += page.Items.Count;
                    last = page;
                }

                if (read.PlannedPages > 0)
                {
                    continue;
                }

                await foreach (var page in ReadRestAsync(index, segment, last, skip, planBroken, ledger, token).ConfigureAwait(false))
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

    // The rest of a segment, page after page from `skip`. Skip-based pages are sound only while the window's records
    // stay put: when a planned page disagreed (planBroken), a page shows the window moved, or the total moves between
    // pages, the rest is read from the last record handed over instead (see the class comment). A segment without a
    // window (by id, around a message) cannot be narrowed: it pages on by count, its pages filtered by id.
    private async IAsyncEnumerable<Page<T>> ReadRestAsync(int index, Segment segment, Page<T> last, int skip, bool planBroken, SegmentLedger<T> ledger, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var reading = segment;
        long? expectedTotal = last.Total;
        var more = last.HasMoreAfter(skip - last.Items.Count);
        var followUpsLeft = FollowUpsAfter(last, skip);

        // Reading a narrowed window with nothing new handed over since (its first records are the band, read again).
        var resumed = false;
        var resumesWithoutProgress = 0;
        var pagesWithoutProgress = 0;
        if (planBroken)
        {
            more = ResumeFromLastHandedOver() || more;
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

            var admission = ledger.Evaluate(page, duplicatesExpected: resumed);
            if (admission.Shifted && ResumeFromLastHandedOver())
            {
                continue;
            }

            if (admission.Fresh.Count > 0)
            {
                ledger.HandOver(admission.Fresh);
                yield return page.With(admission.Fresh);
                (resumed, resumesWithoutProgress, pagesWithoutProgress) = (false, 0, 0);
            }
            else if (page.Items.Count > 0 && ++pagesWithoutProgress > (ledger.Remembered / Math.Max(1, segment.PageSize)) + 2)
            {
                // More pages of records already handed over than a re-read of what it remembers can take.
                throw NothingNew(reading, skip);
            }

            expectedTotal = page.Total;
            more = page.HasMoreAfter(skip);
            if (more && page.MoreAvailable == false)
            {
                // Past what moreAvailable admits: followed only as far as the total needs.
                followUpsLeft ??= FollowUpsAfter(page, skip + page.Items.Count);
                more = followUpsLeft-- > 0;
            }

            skip += page.Items.Count;
        }

        // Reads on in the window narrowed to the last record handed over; false when it cannot be narrowed.
        bool ResumeFromLastHandedOver()
        {
            if (ledger.ResumeSegment() is not { } narrowed)
            {
                return false;
            }

            if (resumed && ++resumesWithoutProgress >= MaxResumesWithoutProgress)
            {
                // Read again from the frontier, the window still brings nothing new: the server ignores it.
                throw NothingNew(reading, skip);
            }

            (reading, skip, expectedTotal, followUpsLeft, resumed) = (narrowed, 0, null, null, true);
            return true;
        }
    }

    // Follow-up pages a page that ends short of the total may need: as many as the rest of the total at its size, and one.
    private static int? FollowUpsAfter(Page<T> page, int consumed) =>
        page.MoreAvailable == false && page.Items.Count > 0 && consumed < page.Total
            ? (int)Math.Min(int.MaxValue, ((page.Total - consumed + page.Items.Count - 1) / page.Items.Count) + 1)
            : null;

    private static KoreResponseException NothingNew(Segment segment, int skip) =>
        new(
            $"The API keeps answering with records this read has already handed over, or out of order (page at skip {skip}{(segment.Window is { } window ? $" of the window {window}" : "")}): it repeats its pages or ignores the window, so the read stops here rather than loop or hand a record over twice.",
            new KoreErrorDetails(200, null, null, "POST", "/" + segment.PathAndQuery.TrimStart('/')));

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

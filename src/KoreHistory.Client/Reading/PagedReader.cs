namespace KoreHistory.Client;

// Reads a plan's series in order, with at most `maxConcurrentRequests` page requests in flight and not yet handed over.
// Once a series' first page has told its total, its other pages are requested at fixed offsets (skip = where the
// first page ended + k × page size), which is sound because every window's end is pinned when the query is made; while
// they are in flight, the next series' first pages may be requested too. Pages are handed over strictly in order,
// so memory holds at most `maxConcurrentRequests` pages besides the one being read.
// What the consumer wants (KoreReadSequence) bounds every request:
// - Skip: the first page of the series where the read stands asks for `skip` = the results still to pass over; a
//   series whose total is no more than that is passed over whole on that one answer, and nothing is read and dropped.
//   Later series' first pages are asked for ahead only once the skip is spent (until then, where they start is not
//   known).
// - First: no page is asked for beyond the records still wanted (the fixed-offset plan ends there, the last page asks
//   for the remainder, a later series' first page is asked for ahead only when the totals before it fall short),
//   and no more records are handed over than are wanted.
// - Read-ahead is bounded by bytes as well as pages: pages ahead of the consumer hold about MaxAheadBytes at most (a
//   getMessagesV2 page of 10,000 messages is some 25 MB; 100 messages some 250 KB), one page ahead at the least.
// - Read-ahead ramps up: requests ahead are made only when the consumer comes back for more, and after n pages
//   consumed at most n requests are out (up to `maxConcurrentRequests`), so a consumer that stops without saying how many it
//   wanted (Select-Object -First downstream) costs at most as many requests again as it used, and one that stops
//   within its first (second) page costs one (two) requests.
// Every page is checked by record id and time against what its series has handed over (SeriesLedger), and every
// planned page against the plan (same total, the expected count, moreAvailable where it ends):
// - a record handed over before is never handed over again (within a window, and on the seam between two windows,
//   SeamLedger: an inclusive dateTo returns the edge's records twice);
// - a page that repeats records or brings records out of order shows that the window moved under the read (records
//   arrived at its head, whatever `total` says), and a planned page that disagrees with the plan that it changed:
//   the page is dropped, so are the pages planned after it, and the rest of the window is read sequentially from the
//   last record handed over (the window narrowed to end there, SeriesLedger.ResumeSeries). A total that moves
//   between two sequential pages resumes the same way;
// - a server that keeps sending nothing new (the same page forever, a window it ignores) ends the read with a
//   KoreResponseException after a few requests, never an endless loop;
// - a page that says moreAvailable: false short of `total` (a server that caps `limit` silently) is followed up
//   until an empty page, at most as many pages as the rest of the total needs.
internal sealed class PagedReader<T>
{
    private readonly IReadOnlyList<PageSeries> plan;
    private readonly Func<PageRequest, CancellationToken, Task<Page<T>>> fetch;
    private readonly Func<int, AskedPage<T>?> takeFirstPageAskedAhead;
    private readonly RecordKeys<T> keys;
    private readonly int maxConcurrentRequests;
    private readonly KoreReadSequence sequence;
    private readonly Action<long?>? onRemaining;
    private readonly SeriesRead<T>[] reads;
    private readonly List<PendingPage<T>> unwanted = [];
    private int outstanding;
    private int current;
    private PendingPage<T>? needed;

    // Resumes in a row that bring nothing new before the read ends as one the server will not let progress.
    private const int MaxResumesWithoutProgress = 2;

    // What the pages ahead of the consumer may hold, about: a page is as large as the bodies read so far tell.
    private const long MaxAheadBytes = 16L * 1024 * 1024;

    // Bytes of body per record in the pages taken so far (0: none yet).
    private double bytesPerRecord;

    // Nothing is read ahead until the reader comes back for more than the first page, so a read stopped within
    // it (Select-Object -First 3) costs one request, as it did sequentially.
    private bool readingAhead;

    // fetch(request, ct): a page, its series asking for the records wanted (PageSeries.Limit);
    // takeFirstPageAskedAhead(index): a first page asked for earlier, or null; onRemaining: what the read may still hand
    // over, as far as the totals tell (null: not known yet), each time that changes.
    public PagedReader(
        IReadOnlyList<PageSeries> plan,
        Func<PageRequest, CancellationToken, Task<Page<T>>> fetch,
        Func<int, AskedPage<T>?> takeFirstPageAskedAhead,
        RecordKeys<T> keys,
        int maxConcurrentRequests,
        KoreReadSequence? sequence = null,
        Action<long?>? onRemaining = null)
    {
        this.plan = plan;
        this.fetch = fetch;
        this.takeFirstPageAskedAhead = takeFirstPageAskedAhead;
        this.keys = keys;
        this.maxConcurrentRequests = Math.Max(1, maxConcurrentRequests);
        this.sequence = sequence ?? new KoreReadSequence();
        this.onRemaining = onRemaining;
        reads = new SeriesRead<T>[plan.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = new SeriesRead<T>();
        }
    }

    // Requests this reader made that are in flight or answered and not yet handed over (for tests of the memory bound).
    internal int Outstanding => outstanding;

    private long? Wanted => sequence.Wanted;

    public async IAsyncEnumerable<Page<T>> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Cancelled when the reader stops early (Select-Object -First), so requests still in flight end at once.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var seams = new SeamLedger();
        try
        {
            for (var index = 0; index < plan.Count && Wanted != 0; index++)
            {
                current = index;
                var series = plan[index];
                var read = reads[index];
                StartMore(index, token);
                if (!read.FirstStarted)
                {
                    StartFirst(index, read, sequence.SkipLeft, LimitFor(series, 0), token);
                }

                var first = await TakeFirstAsync(index, read, token).ConfigureAwait(false);
                if (first is null)
                {
                    // Passed over whole by the skip.
                    Publish();
                    continue;
                }

                var ledger = new SeriesLedger<T>(keys, series, seams);
                var (handed, last) = HandOverFirst(read, series, ledger, first);
                first = null;
                if (handed is not null)
                {
                    yield return handed;
                    handed = null;
                    sequence.Consumed();
                }

                readingAhead = true;

                var planBroken = false;
                for (var k = 0; k < read.Plan.Count; k++)
                {
                    if (Wanted == 0)
                    {
                        Abandon(read, k);
                        break;
                    }

                    if (read.Planned.Count <= k)
                    {
                        StartPlanned(index, read, token);
                    }

                    StartMore(index, token);
                    var step = await TakePlannedAsync(read, k, ledger, last.Total).ConfigureAwait(false);
                    if (step is null)
                    {
                        Abandon(read, k + 1);
                        planBroken = true;
                        break;
                    }

                    (handed, last) = step.Value;
                    if (handed is not null)
                    {
                        yield return handed;
                        handed = null;
                        sequence.Consumed();
                    }
                }

                await foreach (var page in ReadRestAsync(index, series, read, last, planBroken, ledger, token).ConfigureAwait(false))
                {
                    yield return page;
                }
            }

            current = plan.Count;
            onRemaining?.Invoke(0);
        }
        finally
        {
            stop.Cancel();
            Unwanted(needed);
            foreach (var read in reads)
            {
                read.CancelAskedAhead?.Dispose();
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

    // A series' first page, checked and handed over (null when nothing in it is fresh and wanted), and the pages after
    // it planned. The page is not kept (only its shape), so the records it holds go once the consumer is done with them.
    private (Page<T>? Handed, PageShape Shape) HandOverFirst(SeriesRead<T> read, PageSeries series, SeriesLedger<T> ledger, Page<T> first)
    {
        var handed = HandOver(ledger, first, ledger.Evaluate(first, duplicatesExpected: false));
        PlanRest(read, series, first, Wanted);
        Publish();
        return (handed, PageShape.Of(first));
    }

    // Planned page k, checked against the plan made from the first page (its total), and handed over; null when it
    // disagrees with the plan or shows that the window moved (the plan is broken).
    private async Task<(Page<T>? Handed, PageShape Shape)?> TakePlannedAsync(SeriesRead<T> read, int k, SeriesLedger<T> ledger, long total)
    {
        var page = await TakeAsync(read.Planned[k]!).ConfigureAwait(false);
        read.Planned[k] = null;
        var (offset, limit) = read.Plan[k];
        var admission = MatchesPlan(page, total, offset, limit) ? ledger.Evaluate(page, duplicatesExpected: false) : null;
        if (admission is null || admission.Shifted)
        {
            return null;
        }

        (read.Offset, read.Total) = (offset + page.Items.Count, page.Total);
        var handed = HandOver(ledger, page, admission);
        Publish();
        return (handed, PageShape.Of(page));
    }

    // The fresh records of a page that are still wanted, handed over (the ledger remembers them, the sequence counts
    // them before the consumer sees them, so what is still wanted is never overstated); null when there are none.
    private Page<T>? HandOver(SeriesLedger<T> ledger, Page<T> page, PageAdmission<T> admission)
    {
        var fresh = KeepWanted(admission.Fresh);
        ledger.HandOver(fresh);
        if (fresh.Count == 0)
        {
            return null;
        }

        sequence.Handed(fresh.Count);
        return page.With(fresh);
    }

    // The page the sequential read needs next: kept in a field rather than in the iterator's locals, so nothing of it
    // outlives its hand-over.
    private void StartNeeded(int index, PageSeries series, int skip, CancellationToken token) =>
        needed = Start(index, series, skip, isFirst: false, token);

    private async Task<(Page<T> Page, PageShape Shape)> TakeNeededAsync()
    {
        var pending = needed!;
        needed = null;
        var page = await TakeAsync(pending).ConfigureAwait(false);
        return (page, PageShape.Of(page));
    }

    // The rest of a series, page after page from where the read stands. Skip-based pages are sound only while the
    // window's records stay put: when a planned page disagreed (planBroken), a page shows the window moved, or the
    // total moves between pages, the rest is read from the last record handed over instead (see the class comment). A
    // series without a window (by id, around a message) cannot be narrowed: it pages on by count, its pages filtered
    // by id.
    private async IAsyncEnumerable<Page<T>> ReadRestAsync(int index, PageSeries series, SeriesRead<T> read, PageShape last, bool planBroken, SeriesLedger<T> ledger, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        var reading = series;
        var skip = read.Offset;
        long? expectedTotal = last.Total;
        var more = last.HasMoreAfter(skip - last.Count);
        var followUpsLeft = FollowUpsAfter(last, skip);

        // Reading a narrowed window with nothing new handed over since (its first records are the band, read again).
        var resumed = false;
        var resumesWithoutProgress = 0;
        var pagesWithoutProgress = 0;
        if (planBroken)
        {
            more = ResumeFromLastHandedOver() || more;
        }

        while (more && Wanted != 0)
        {
            StartNeeded(index, reading.WithLimit(LimitFor(reading, 0)), skip, token);
            StartMore(index, token);
            var (page, shape) = await TakeNeededAsync().ConfigureAwait(false);
            if (expectedTotal is { } total && shape.Total != total && ResumeFromLastHandedOver())
            {
                continue;
            }

            var admission = ledger.Evaluate(page!, duplicatesExpected: resumed);
            if (admission.Shifted && ResumeFromLastHandedOver())
            {
                continue;
            }

            expectedTotal = shape.Total;
            more = shape.HasMoreAfter(skip);
            if (more && shape.MoreAvailable == false)
            {
                // Past what moreAvailable admits: followed only as far as the total needs.
                followUpsLeft ??= FollowUpsAfter(shape, skip + shape.Count);
                more = followUpsLeft-- > 0;
            }

            skip += shape.Count;
            (read.Offset, read.Total) = (skip, shape.Total);
            var handed = HandOver(ledger, page!, admission);
            (page, admission) = (null, null!);
            Publish();
            if (handed is not null)
            {
                yield return handed;
                handed = null;
                sequence.Consumed();
                (resumed, resumesWithoutProgress, pagesWithoutProgress) = (false, 0, 0);
            }
            else if (shape.Count > 0 && ++pagesWithoutProgress > (ledger.Remembered / Math.Max(1, series.PageSize)) + 2)
            {
                // More pages of records already handed over than a re-read of what it remembers can take.
                throw NothingNew(reading, skip - shape.Count);
            }
        }

        // Reads on in the window narrowed to the last record handed over; false when it cannot be narrowed.
        bool ResumeFromLastHandedOver()
        {
            if (ledger.ResumeSeries() is not { } narrowed)
            {
                return false;
            }

            if (resumed && ++resumesWithoutProgress >= MaxResumesWithoutProgress)
            {
                // Read again from the frontier, the window still brings nothing new: the server ignores it.
                throw NothingNew(reading, skip);
            }

            (reading, skip, expectedTotal, followUpsLeft, resumed) = (narrowed, 0, null, null, true);
            (read.Offset, read.Total) = (0, null);
            return true;
        }
    }

    // The first page of the series the read stands at, placed where the skip says. A page asked for at that skip
    // passes over up to `skip` records (all of them when its total is no more: the series is passed over, null). A
    // page asked for elsewhere (the first page read earlier for the total, at skip 0) serves if the skip ends within it;
    // otherwise the page is asked for again where the skip ends.
    private async Task<Page<T>?> TakeFirstAsync(int index, SeriesRead<T> read, CancellationToken token)
    {
        while (true)
        {
            var pending = read.First!;
            var page = await TakeAsync(pending).ConfigureAwait(false);
            read.First = null;
            read.CancelAskedAhead?.Dispose();
            read.CancelAskedAhead = null;
            var skipLeft = sequence.SkipLeft;
            read.FirstFull = page.Items.Count == pending.Asked.Limit;
            if (skipLeft > 0 && page.Total <= skipLeft)
            {
                sequence.PassedOver(page.Total);
                (read.Offset, read.Total) = ((int)Math.Min(int.MaxValue, page.Total), page.Total);
                return null;
            }

            if (pending.Asked.Skip == skipLeft)
            {
                sequence.PassedOver(skipLeft);
                (read.FirstSkip, read.Offset, read.Total) = (pending.Asked.Skip, pending.Asked.Skip + page.Items.Count, page.Total);
                return page;
            }

            var within = skipLeft - pending.Asked.Skip;
            if (within >= 0 && within < page.Items.Count)
            {
                sequence.PassedOver(skipLeft);
                (read.FirstSkip, read.Offset, read.Total) = ((int)skipLeft, pending.Asked.Skip + page.Items.Count, page.Total);
                return page.Slice((int)within, page.Items.Count);
            }

            read.First = Start(index, plan[index].WithLimit(LimitFor(plan[index], 0)), (int)Math.Min(int.MaxValue, skipLeft), isFirst: true, token);
        }
    }

    // The `limit` a page asks for: a page, or the records still wanted beyond `ahead` (records already asked for
    // before it) when that is less.
    private int LimitFor(PageSeries series, long ahead) =>
        Wanted is { } wanted ? (int)Math.Max(1, Math.Min(series.PageSize, wanted - ahead)) : series.PageSize;

    // Of a page's fresh records, those still wanted.
    private IReadOnlyList<T> KeepWanted(IReadOnlyList<T> fresh)
    {
        if (Wanted is not { } wanted || fresh.Count <= wanted)
        {
            return fresh;
        }

        var kept = new T[(int)wanted];
        for (var i = 0; i < kept.Length; i++)
        {
            kept[i] = fresh[i];
        }

        return kept;
    }

    // Follow-up pages a page that ends short of the total may need: as many as the rest of the total at its size, and one.
    private static int? FollowUpsAfter(PageShape page, int consumed) =>
        page.MoreAvailable == false && page.Count > 0 && consumed < page.Total
            ? (int)Math.Min(int.MaxValue, ((page.Total - consumed + page.Count - 1) / page.Count) + 1)
            : null;

    private static KoreResponseException NothingNew(PageSeries series, int skip) =>
        new(
            $"The API keeps answering with records this read has already handed over, or out of order (page at skip {skip}{(series.Window is { } window ? $" of the window {window}" : "")}): it repeats its pages or ignores the window, so the read stops here rather than loop or hand a record over twice.",
            new KoreErrorDetails(200, null, null, "POST", "/" + series.PathAndQuery.TrimStart('/')));

    // A planned page at `offset` asking for `limit`: the same total, the records the total leaves there, and no
    // moreAvailable that says otherwise.
    private static bool MatchesPlan(Page<T> page, long total, int offset, int limit)
    {
        var expected = Math.Min(limit, total - offset);
        return page.Total == total
            && page.Items.Count == expected
            && (page.MoreAvailable is null || page.MoreAvailable == (offset + expected < total));
    }

    // Plans the pages after a series' first one at fixed offsets, as far as the total and the records still wanted
    // (wantedAfter, null: all) reach. A first page shorter than it asked for, with more to come, means the server pages
    // by less than asked: the series is read sequentially.
    private void PlanRest(SeriesRead<T> read, PageSeries series, Page<T> first, long? wantedAfter)
    {
        if (read.PlanDecided)
        {
            return;
        }

        read.PlanDecided = true;
        if (maxConcurrentRequests <= 1 || !read.FirstFull || !first.HasMoreAfter(read.FirstSkip) || first.Total <= read.Offset)
        {
            return;
        }

        // Pages ask for a whole page, except the last one before what is wanted runs out, which asks for the rest.
        var end = wantedAfter is { } wanted ? Math.Min(first.Total, read.Offset + wanted) : first.Total;
        for (long offset = read.Offset; offset < end && offset <= int.MaxValue; offset += series.PageSize)
        {
            read.Plan.Add(((int)offset, end < first.Total ? (int)Math.Min(series.PageSize, end - offset) : series.PageSize));
        }

        read.Planned.Capacity = Math.Min(read.Plan.Count, 1024);
    }

    // Starts requests ahead of the reader, earliest in reading order first, until as many are outstanding as the
    // ramp allows (the pages handed over so far, at most `maxConcurrentRequests`, over the whole sequence).
    private void StartMore(int current, CancellationToken token)
    {
        // One request at a time asks for nothing ahead of the reader: each page only when it is needed.
        if (maxConcurrentRequests <= 1 || !readingAhead)
        {
            return;
        }

        var allowed = Math.Min(Math.Min(maxConcurrentRequests, Math.Max(1, sequence.PagesConsumed)), PagesWithinBytes(plan[current].PageSize));
        while (sequence.Outstanding < allowed && StartNext(current, token))
        {
        }
    }

    // Requests that may be out for pages of this size, within MaxAheadBytes: the needed one and one ahead at the least.
    private int PagesWithinBytes(int pageSize) =>
        bytesPerRecord <= 0 ? maxConcurrentRequests : (int)Math.Max(2, Math.Min(maxConcurrentRequests, MaxAheadBytes / (bytesPerRecord * pageSize)));

    // The next request in reading order that is certainly wanted: a planned page, or a later series' first page
    // once the skip is spent and the series before it cannot supply what is still wanted.
    private bool StartNext(int current, CancellationToken token)
    {
        long before = 0;
        for (var index = current; index < plan.Count; index++)
        {
            var read = reads[index];
            if (!read.FirstStarted)
            {
                var skip = index == current ? sequence.SkipLeft : 0;
                if (index > current && sequence.SkipLeft > 0)
                {
                    return false;
                }

                if (Wanted is { } wanted && before >= wanted)
                {
                    return false;
                }

                StartFirst(index, read, skip, LimitFor(plan[index], before), token);
                return true;
            }

            if (!read.PlanDecided && read.First is { } first)
            {
                if (!first.Task.IsCompleted)
                {
                    // Unbounded, later series may start meanwhile; bounded, its total decides whether they are wanted.
                    if (Wanted is not null)
                    {
                        return false;
                    }

                    continue;
                }

                if (first.Task.Status != TaskStatus.RanToCompletion)
                {
                    return false;
                }

                if (Wanted is null && first.Asked.Skip == 0 && index > current)
                {
                    // Ahead of the reader (never skipped): planned from its first page, as the reader would.
                    var page = first.Task.Result;
                    read.FirstFull = page.Items.Count == first.Asked.Limit;
                    (read.FirstSkip, read.Offset, read.Total) = (0, page.Items.Count, page.Total);
                    PlanRest(read, plan[index], page, null);
                }
            }

            if (read.Planned.Count < read.Plan.Count)
            {
                StartPlanned(index, read, token);
                return true;
            }

            if (RemainingOf(read) is not { } remaining)
            {
                return false;
            }

            before += remaining;
        }

        return false;
    }

    // Records a series may still hand over, from its total and where the read of it stands; null when not known.
    private static long? RemainingOf(SeriesRead<T> read)
    {
        if (read.First is { } first)
        {
            return first.Task.Status == TaskStatus.RanToCompletion ? Math.Max(0, first.Task.Result.Total - first.Asked.Skip) : null;
        }

        if (!read.FirstStarted)
        {
            return null;
        }

        return read.Total is { } total ? Math.Max(0, total - read.Offset) : null;
    }

    // Tells the read's owner what it may still hand over: the series from the current one on, while their totals
    // are known (a partial sum that already covers what is wanted is as good).
    private void Publish()
    {
        // Without a limit the sequence does not need it (and working it out would parse pages read ahead early).
        if (onRemaining is null || Wanted is null)
        {
            onRemaining?.Invoke(null);
            return;
        }

        long sum = 0;
        for (var index = current; index < plan.Count; index++)
        {
            if (RemainingOf(reads[index]) is not { } remaining)
            {
                onRemaining(Wanted is { } wanted && sum >= wanted ? sum : null);
                return;
            }

            sum += remaining;
        }

        onRemaining(sum);
    }

    private void StartFirst(int index, SeriesRead<T> read, long skip, int limit, CancellationToken token)
    {
        read.FirstStarted = true;
        if (takeFirstPageAskedAhead(index) is { } ahead)
        {
            read.First = new PendingPage<T>(ahead, counted: false);
            if (ahead.Cancel is { } cancel)
            {
                read.CancelAskedAhead = token.Register(cancel);
            }

            return;
        }

        read.First = Start(index, plan[index].WithLimit(limit), (int)Math.Min(int.MaxValue, skip), isFirst: true, token);
    }

    private void StartPlanned(int index, SeriesRead<T> read, CancellationToken token)
    {
        var (offset, limit) = read.Plan[read.Planned.Count];
        read.Planned.Add(Start(index, plan[index].WithLimit(limit), offset, isFirst: false, token));
    }

    private PendingPage<T> Start(int index, PageSeries series, int skip, bool isFirst, CancellationToken token)
    {
        outstanding++;
        sequence.SlotTaken();
        var page = fetch(new PageRequest(index, series, skip, isFirst), token);
        return new PendingPage<T>(new AskedPage<T>(page, skip, series.Limit, holdsSlot: true, cancel: null), counted: true);
    }

    private async Task<Page<T>> TakeAsync(PendingPage<T> pending)
    {
        try
        {
            var page = await pending.Task.ConfigureAwait(false);
            if (page.Bytes > 0 && page.Items.Count > 0)
            {
                bytesPerRecord = (double)page.Bytes / page.Items.Count;
            }

            return page;
        }
        finally
        {
            Release(pending);
        }
    }

    private void Release(PendingPage<T> pending)
    {
        if (pending.Released)
        {
            return;
        }

        pending.Released = true;
        if (pending.Counted)
        {
            outstanding--;
        }

        if (pending.Asked.HoldsSlot)
        {
            sequence.SlotFreed();
        }
    }

    private void Abandon(SeriesRead<T> read, int fromK)
    {
        for (var i = fromK; i < read.Planned.Count; i++)
        {
            if (read.Planned[i] is { } pending)
            {
                Unwanted(pending);
                read.Planned[i] = null;
            }
        }

        read.Plan.RemoveRange(Math.Min(fromK, read.Plan.Count), read.Plan.Count - Math.Min(fromK, read.Plan.Count));
        if (read.Planned.Count > read.Plan.Count)
        {
            read.Planned.RemoveRange(read.Plan.Count, read.Planned.Count - read.Plan.Count);
        }
    }

    // A request whose page is no longer wanted: its failure or cancellation is of no interest, but it must not go
    // unobserved, and the read waits for it to end before it is done. Its slot is free from now on.
    private void Unwanted(PendingPage<T>? pending)
    {
        if (pending is not null && !pending.Observed)
        {
            pending.Observed = true;
            Release(pending);
            unwanted.Add(pending);
        }
    }
}

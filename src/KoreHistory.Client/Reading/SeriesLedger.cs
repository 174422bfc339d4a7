namespace KoreHistory.Client;

// What one series (a window, or an id batch) has handed over, in bounded memory: its frontier (the oldest time
// handed over when reading newest first, the newest when reading oldest first) and the ids of the records within
// Band of it. Records come in time order (the API sorts by the time it windows by), so that is enough:
// - a record older than the frontier (newest first) has not been handed over;
// - one within Band of it is recognised by id, which also absorbs the few milliseconds by which a message's
//   timestampValue and the createdOn the API sorts by may differ;
// - one beyond Band on the wrong side is out of order: records arrived or left ahead of the read, the page is
//   shifted, and the reader drops it and reads on in a window narrowed to end Band past the frontier (ResumeWindow),
//   where every record already handed over is one it remembers.
// Records that carry no usable time (before QueryRules.EarliestDate) cannot be placed and are remembered by id.
internal sealed class SeriesLedger<T>
{
    private static readonly TimeSpan Band = SeriesLedger.Band;

    private readonly RecordKeys<T> keys;
    private readonly PageSeries series;
    private readonly SeamLedger seams;
    private readonly Dictionary<string, DateTimeOffset> nearFrontier = new(StringComparer.Ordinal);
    private readonly HashSet<string> timeless = new(StringComparer.Ordinal);
    // The ids of the page being evaluated, reused from page to page.
    private HashSet<string> inPage = new(StringComparer.Ordinal);

    public SeriesLedger(RecordKeys<T> keys, PageSeries series, SeamLedger seams)
    {
        this.keys = keys;
        this.series = series;
        this.seams = seams;
    }

    public DateTimeOffset? Frontier { get; private set; }

    // Records handed over that a re-read from the frontier can meet again.
    public int Remembered => nearFrontier.Count + timeless.Count;

    // duplicatesExpected: right after a resume, the records of the band come back by design; elsewhere a record
    // handed over before means the window moved.
    public PageAdmission<T> Evaluate(Page<T> page, bool duplicatesExpected)
    {
        // Most pages are all fresh: the page's own list is handed on then, and a list of the fresh ones is made only
        // from the first record dropped (a getMessagesV2 page holds 10,000).
        List<T>? fresh = null;
        var inPage = this.inPage;
        inPage.Clear();
        var index = 0;
        var known = 0;
        var repeated = 0;
        var outOfOrder = 0;
        foreach (var item in page.Items)
        {
            var id = keys.IdOf(item);
            var time = keys.TimeOf(item);
            if (nearFrontier.ContainsKey(id) || timeless.Contains(id))
            {
                known++;
            }
            else if (!inPage.Add(id) || seams.HandedOver(series.Window, id, time))
            {
                // Twice in one page, or on the seam with the window before: dropped, and no sign of a move.
                repeated++;
            }
            else if (HasTime(time) && Frontier is { } frontier && (series.Ascending ? time < frontier - Band : time > frontier + Band))
            {
                outOfOrder++;
            }
            else
            {
                fresh?.Add(item);
                index++;
                continue;
            }

            // Dropped: the fresh ones before it are copied once.
            if (fresh is null)
            {
                fresh = new List<T>(page.Items.Count);
                for (var i = 0; i < index; i++)
                {
                    fresh.Add(page.Items[i]);
                }
            }

            index++;
        }

        // Kept no larger than a page of the series, so that one huge page does not keep its set alive.
        if (inPage.Count > 16_384)
        {
            this.inPage = new HashSet<string>(StringComparer.Ordinal);
        }

        return new PageAdmission<T>(fresh ?? page.Items, known + repeated, outOfOrder > 0 || (known > 0 && !duplicatesExpected));
    }

    // Records the fresh records of an admitted page as handed over.
    public void HandOver(IReadOnlyList<T> fresh)
    {
        foreach (var item in fresh)
        {
            var id = keys.IdOf(item);
            var time = keys.TimeOf(item);
            if (!HasTime(time))
            {
                timeless.Add(id);
                continue;
            }

            if (Frontier is not { } frontier || (series.Ascending ? time > frontier : time < frontier))
            {
                Frontier = time;
            }

            nearFrontier[id] = time;
            seams.Record(series.Window, id, time);
        }

        if (Frontier is { } edge)
        {
            var stale = nearFrontier.Where(entry => (entry.Value - edge).Duration() > Band).Select(entry => entry.Key).ToList();
            foreach (var id in stale)
            {
                nearFrontier.Remove(id);
            }
        }
    }

    // The series' window narrowed to what is left to read, from Band before the frontier on (newest first: ending
    // Band after it); null when the series has no window or nothing was handed over.
    public PageSeries? ResumeSeries()
    {
        if (series.Window is not { } window || Frontier is not { } frontier)
        {
            return null;
        }

        var narrowed = series.Ascending
            ? new DateWindow(Max(window.From, DateWindows.Truncate(frontier - Band)), window.To)
            : new DateWindow(window.From, Min(window.To, DateWindows.CeilingExclusive(frontier + Band)));
        return series.Narrowed(narrowed);
    }

    private static bool HasTime(DateTimeOffset time) => time >= QueryRules.EarliestDate;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

// The tolerance of the ledgers, shared by every record type.
internal static class SeriesLedger
{
    // Wider than any skew seen between a record's time and the API's sort key (a few ms between a message's
    // timestampValue and createdOn in Kore's samples; under a second between a session's id time and start_time),
    // and small enough that a band holds few records.
    public static readonly TimeSpan Band = TimeSpan.FromSeconds(5);
}

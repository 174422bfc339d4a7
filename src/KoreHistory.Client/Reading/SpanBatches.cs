namespace KoreHistory.Client;

// Groups sessions with known time spans into getMessages batches: at most 50 ids, and a window
// [earliest start, latest end + 1 ms) no longer than one API window, so each batch costs as few
// requests as its messages need.
internal sealed class SpanBatch
{
    private readonly List<string> ids = [];
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Ids => ids;

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    public int Count => ids.Count;

    public DateWindow Window => new(From, To);

    // Adds the span when it fits; false when the batch is full or the window would grow too long.
    public bool TryAdd(string id, DateTimeOffset start, DateTimeOffset endExclusive)
    {
        if (seen.Contains(id))
        {
            if (start < From || endExclusive > To)
            {
                var widenedFrom = start < From ? start : From;
                var widenedTo = endExclusive > To ? endExclusive : To;
                if (widenedTo - widenedFrom > DateWindows.MaxLength)
                {
                    return false;
                }

                From = widenedFrom;
                To = widenedTo;
            }

            return true;
        }

        if (ids.Count == 0)
        {
            From = start;
            To = endExclusive;
        }
        else
        {
            if (ids.Count >= QueryRules.MaxSessionIdsPerRequest)
            {
                return false;
            }

            var from = start < From ? start : From;
            var to = endExclusive > To ? endExclusive : To;
            if (to - from > DateWindows.MaxLength)
            {
                return false;
            }

            From = from;
            To = to;
        }

        ids.Add(id);
        seen.Add(id);
        return true;
    }

    public static (DateTimeOffset Start, DateTimeOffset EndExclusive) SpanOf(DateTimeOffset start, DateTimeOffset? end, DateTimeOffset now)
    {
        var from = DateWindows.Truncate(start);
        var last = end ?? now;
        if (last < start)
        {
            last = start;
        }

        return (from, DateWindows.CeilingExclusive(last));
    }

    public static List<SpanBatch> Group(IEnumerable<KoreSessionSpan> spans, DateTimeOffset now, bool oldestFirst)
    {
        var ordered = oldestFirst
            ? spans.OrderBy(s => s.Start).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            : spans.OrderByDescending(s => s.Start).ThenBy(s => s.SessionId, StringComparer.Ordinal);
        var batches = new List<SpanBatch>();
        SpanBatch? current = null;
        foreach (var span in ordered)
        {
            var (start, end) = SpanOf(span.Start ?? now, span.End, now);
            if (current is null || !current.TryAdd(span.SessionId, start, end))
            {
                current = new SpanBatch();
                current.TryAdd(span.SessionId, start, end);
                batches.Add(current);
            }
        }

        return batches;
    }
}

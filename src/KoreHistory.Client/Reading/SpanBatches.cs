namespace KoreHistory.Client;

// Groups sessions into getMessages batches: at most 50 ids of one channel, whose padded spans fit in one API window,
// so each batch costs as few requests as its messages need.
//
// A session's messages are not kept inside its start_time–end_time span. Sanitised production captures published
// with ken-at-kore/xob-cat (data/) have about 9 % of messages outside it: the first message up to 300 ms before
// start_time, sessions whose end_time equals start_time followed by a whole conversation, idle-timeout messages
// 15–20 minutes after end_time; Kore's own docs (conversation-history.md, GET sample) show a first message 75 ms
// before the time its session id encodes. The session id is the filter; the window is only what the API needs. So a
// batch is read from an hour before its first start to at least an hour after its last end, and that window is
// stretched to a whole API window (7 days − 1 ms, not past now): a longer window costs no more requests.
internal sealed class SpanBatch
{
    // Margins around a session's span; the stretch to a whole API window adds more after it.
    public static readonly TimeSpan Before = TimeSpan.FromHours(1);
    public static readonly TimeSpan After = TimeSpan.FromHours(1);

    private readonly List<string> ids = [];
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    public SpanBatch(string? channel = null)
    {
        Channel = channel;
    }

    // The channelType the batch is read with (null: none sent).
    public string? Channel { get; }

    public IReadOnlyList<string> Ids => ids;

    // The padded spans' union.
    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    public int Count => ids.Count;

    // The window the batch is read in: the padded spans, stretched to one API window but not past now.
    public DateWindow WindowUntil(DateTimeOffset now)
    {
        var stretched = From + DateWindows.MaxLength;
        var limit = DateWindows.CeilingExclusive(now);
        var to = stretched < limit ? stretched : limit;
        return new DateWindow(From, to > To ? to : To);
    }

    // Adds a padded span when it fits; false when the batch is full or the window would grow past one API window.
    public bool TryAdd(string id, DateTimeOffset from, DateTimeOffset to)
    {
        if (seen.Contains(id))
        {
            return (from >= From && to <= To) || TryWiden(from, to);
        }

        if (ids.Count == 0)
        {
            From = from;
            To = to;
        }
        else if (ids.Count >= QueryRules.MaxSessionIdsPerRequest || !TryWiden(from, to))
        {
            return false;
        }

        ids.Add(id);
        seen.Add(id);
        return true;
    }

    // Widens the window to take [from, to) in; false, leaving it as it was, when it would grow past one API window.
    private bool TryWiden(DateTimeOffset from, DateTimeOffset to)
    {
        var widenedFrom = from < From ? from : From;
        var widenedTo = to > To ? to : To;
        if (widenedTo - widenedFrom > DateWindows.MaxLength)
        {
            return false;
        }

        From = widenedFrom;
        To = widenedTo;
        return true;
    }

    // A session's span with its margins: [start − Before, end + After), in whole milliseconds (an open session ends now).
    public static (DateTimeOffset From, DateTimeOffset To) PaddedSpanOf(DateTimeOffset start, DateTimeOffset? end, DateTimeOffset now)
    {
        var last = end ?? now;
        if (last < start)
        {
            last = start;
        }

        return (DateWindows.Truncate(start) - Before, DateWindows.CeilingExclusive(last) + After);
    }

    // Batches of spans, newest first unless oldestFirst; spans of different channels never share a batch.
    public static List<SpanBatch> Group(IEnumerable<(KoreSessionSpan Span, string? Channel)> spans, DateTimeOffset now, bool oldestFirst)
    {
        var ordered = oldestFirst
            ? spans.OrderBy(s => s.Span.Start).ThenBy(s => s.Span.SessionId, StringComparer.Ordinal)
            : spans.OrderByDescending(s => s.Span.Start).ThenBy(s => s.Span.SessionId, StringComparer.Ordinal);
        var batches = new List<SpanBatch>();
        var current = new Dictionary<string, SpanBatch>(StringComparer.Ordinal);
        foreach (var (span, channel) in ordered)
        {
            var (from, to) = PaddedSpanOf(span.Start ?? now, span.End, now);
            var key = channel ?? "";
            if (!current.TryGetValue(key, out var batch) || !batch.TryAdd(span.SessionId, from, to))
            {
                batch = new SpanBatch(channel);
                batch.TryAdd(span.SessionId, from, to);
                current[key] = batch;
                batches.Add(batch);
            }
        }

        return batches;
    }
}

namespace KoreHistory.Client;

// Collects piped sessions into ready getMessages queries: Add returns a query once 50 ids are collected
// or the next session would stretch the batch's window past one API window (7 days − 1 ms); Flush
// returns what is left. Sessions without a known start are batched apart and their spans looked up.
// Every other filter (channel, tags, order, page size, bot) comes from the template; when the template
// has dates, each batch's window is narrowed to them, and a batch entirely outside them is dropped.
public sealed class KoreSessionBatcher
{
    private readonly KoreMessageQuery template;
    private readonly Func<DateTimeOffset> utcNow;
    private SpanBatch current = new();
    private List<string> withoutSpan = [];
    private readonly HashSet<string> unspannedSeen = new(StringComparer.Ordinal);

    public KoreSessionBatcher(KoreMessageQuery? template = null)
        : this(template, () => DateTimeOffset.UtcNow)
    {
    }

    internal KoreSessionBatcher(KoreMessageQuery? template, Func<DateTimeOffset> utcNow)
    {
        this.template = template?.Clone() ?? new KoreMessageQuery();
        if (this.template.MessageId is not null)
        {
            throw new KoreValidationException("A batch of sessions cannot be read around a MessageId.", nameof(KoreMessageQuery.MessageId));
        }

        this.template.SessionIds = null;
        this.template.Validate();
        this.utcNow = utcNow;
    }

    public KoreMessageQuery? Add(KoreSessionSpan span)
    {
        if (span is null)
        {
            throw new KoreValidationException("A session to read must not be null.", "SessionId");
        }

        QueryRules.Id(span.SessionId, "SessionId");
        if (span.Start is not { } start)
        {
            if (!unspannedSeen.Add(span.SessionId))
            {
                return null;
            }

            withoutSpan.Add(span.SessionId);
            if (withoutSpan.Count < QueryRules.MaxSessionIdsPerRequest)
            {
                return null;
            }

            var ids = withoutSpan;
            withoutSpan = [];
            unspannedSeen.Clear();
            return QueryFor(ids, null);
        }

        var (from, to) = SpanBatch.SpanOf(start, span.End, utcNow());
        if (current.TryAdd(span.SessionId, from, to))
        {
            return current.Count >= QueryRules.MaxSessionIdsPerRequest ? TakeCurrent() : null;
        }

        var ready = TakeCurrent();
        current.TryAdd(span.SessionId, from, to);
        return ready ?? (current.Count >= QueryRules.MaxSessionIdsPerRequest ? TakeCurrent() : null);
    }

    public KoreMessageQuery? Add(string sessionId, DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        Add(new KoreSessionSpan(sessionId, start, end));

    public IReadOnlyList<KoreMessageQuery> Flush()
    {
        var ready = new List<KoreMessageQuery>();
        if (TakeCurrent() is { } spanned)
        {
            ready.Add(spanned);
        }

        if (withoutSpan.Count > 0)
        {
            ready.Add(QueryFor(withoutSpan, null));
            withoutSpan = [];
            unspannedSeen.Clear();
        }

        return ready;
    }

    private KoreMessageQuery? TakeCurrent()
    {
        var batch = current;
        current = new SpanBatch();
        if (batch.Count == 0)
        {
            return null;
        }

        var from = batch.From;
        var to = batch.To;
        if (template.From is { } floor && floor > from)
        {
            from = floor;
        }

        if (template.To is { } ceiling && ceiling < to)
        {
            to = ceiling;
        }

        return from < to ? QueryFor(batch.Ids.ToList(), new DateWindow(from, to)) : null;
    }

    private KoreMessageQuery QueryFor(IReadOnlyList<string> ids, DateWindow? window)
    {
        var query = template.Clone();
        query.SessionIds = ids;
        if (window is { } w)
        {
            query.From = w.From;
            query.To = w.To;
        }
        else
        {
            query.From = template.From;
            query.To = template.To;
        }

        return query;
    }
}

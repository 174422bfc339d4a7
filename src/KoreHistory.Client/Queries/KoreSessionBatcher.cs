namespace KoreHistory.Client;

/// <summary>
/// Collects piped sessions into ready getMessages queries. Sessions are batched by channel (each batch is read with
/// its sessions' channel, so the read is right whether or not the platform's getMessages defaults to rtm); Add
/// returns a query once a batch has 50 ids or the next session would stretch it past one API window; Flush returns
/// the rest. A batch is read from an hour before its first session's start to at least an hour after its last
/// one's end, stretched to one API window (7 days − 1 ms) where that fits: real sessions have messages before their
/// start_time and after their end_time (see SpanBatch). Sessions without a known start are batched apart and looked
/// up. Every other filter (channels, tags, order, page size, bot) comes from the template; when it has dates, each
/// batch's window is narrowed to them, and a batch entirely outside them is dropped; a session whose channel is not
/// among the template's channels is dropped.
/// </summary>
public sealed class KoreSessionBatcher
{
    private const string IvrKey = "ivr without a channel";
    private readonly KoreMessageQuery template;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, SpanBatch> current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> withoutSpan = new(StringComparer.Ordinal);
    private readonly HashSet<string> unspannedSeen = new(StringComparer.Ordinal);

    /// <summary>A batcher whose queries share the template's filters.</summary>
    public KoreSessionBatcher(KoreMessageQuery? template = null)
        : this(template, TimeProvider.System)
    {
    }

    internal KoreSessionBatcher(KoreMessageQuery? template, TimeProvider clock)
    {
        this.template = template?.Clone() ?? new KoreMessageQuery();
        if (this.template.MessageId is not null)
        {
            throw new KoreValidationException("A batch of sessions cannot be read around a MessageId.", nameof(KoreMessageQuery.MessageId));
        }

        this.template.SessionIds = null;
        this.template.Validate();
        this.clock = clock;
    }

    /// <summary>Adds a session; returns a query when a batch is ready to read, else null.</summary>
    public KoreMessageQuery? Add(KoreSessionSpan span)
    {
        if (span is null)
        {
            throw new KoreValidationException("A session to read must not be null.", "SessionId");
        }

        QueryRules.Id(span.SessionId, "SessionId");
        if (!QueryPlans.TryChannelFor(template, span.Channel, out var channel))
        {
            return null;
        }

        // ivr sessions read without a channel are batched apart, to be read again with "ivr" if they return nothing.
        var key = channel ?? (QueryPlans.IsIvrReadWithoutChannel(template, span.Channel) ? IvrKey : "");
        if (span.Start is not { } start)
        {
            if (!unspannedSeen.Add(key + "\n" + span.SessionId))
            {
                return null;
            }

            if (!withoutSpan.TryGetValue(key, out var ids))
            {
                withoutSpan[key] = ids = [];
            }

            ids.Add(span.SessionId);
            if (ids.Count < QueryRules.MaxSessionIdsPerRequest)
            {
                return null;
            }

            return TakeUnspanned(key);
        }

        var now = clock.GetUtcNow();
        var (from, to) = SpanBatch.PaddedSpanOf(start, span.End, now);
        if (!current.TryGetValue(key, out var batch))
        {
            current[key] = batch = new SpanBatch(channel);
        }

        if (batch.TryAdd(span.SessionId, from, to))
        {
            return batch.Count >= QueryRules.MaxSessionIdsPerRequest ? Take(key, now) : null;
        }

        var ready = Take(key, now);
        current[key] = batch = new SpanBatch(channel);
        batch.TryAdd(span.SessionId, from, to);
        return ready ?? (batch.Count >= QueryRules.MaxSessionIdsPerRequest ? Take(key, now) : null);
    }

    /// <summary>Adds a session by id, start and end (either may be unknown).</summary>
    public KoreMessageQuery? Add(string sessionId, DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        Add(new KoreSessionSpan(sessionId, start, end));

    /// <summary>The queries for every session added and not yet returned.</summary>
    public IReadOnlyList<KoreMessageQuery> Flush()
    {
        var now = clock.GetUtcNow();
        var ready = new List<KoreMessageQuery>();
        foreach (var key in current.Keys.ToList())
        {
            if (Take(key, now) is { } spanned)
            {
                ready.Add(spanned);
            }
        }

        foreach (var key in withoutSpan.Keys.ToList())
        {
            if (withoutSpan[key].Count > 0)
            {
                ready.Add(TakeUnspanned(key));
            }
        }

        return ready;
    }

    private KoreMessageQuery? Take(string key, DateTimeOffset now)
    {
        var batch = current[key];
        current.Remove(key);
        if (batch.Count == 0)
        {
            return null;
        }

        var window = batch.WindowUntil(now);
        var from = window.From;
        var to = window.To;
        if (template.From is { } floor && floor > from)
        {
            from = floor;
        }

        if (template.To is { } ceiling && ceiling < to)
        {
            to = ceiling;
        }

        return from < to ? QueryFor(batch.Ids.ToList(), new DateWindow(from, to), batch.Channel, key == IvrKey) : null;
    }

    private KoreMessageQuery TakeUnspanned(string key)
    {
        var ids = withoutSpan[key];
        withoutSpan.Remove(key);
        unspannedSeen.RemoveWhere(k => k.StartsWith(key + "\n", StringComparison.Ordinal));
        return QueryFor(ids, null, key.Length == 0 || key == IvrKey ? null : key, key == IvrKey);
    }

    private KoreMessageQuery QueryFor(IReadOnlyList<string> ids, DateWindow? window, string? channel, bool ivrAgainIfEmpty)
    {
        var query = template.Clone();
        query.SessionIds = ids;
        query.SpansKnown = window is not null;
        query.IvrAgainIfEmpty = ivrAgainIfEmpty && window is not null;
        if (channel is not null)
        {
            query.ChannelTypes = null;
            query.ChannelType = channel;
        }

        if (window is { } w)
        {
            query.From = w.From;
            query.To = w.To;
        }

        return query;
    }
}

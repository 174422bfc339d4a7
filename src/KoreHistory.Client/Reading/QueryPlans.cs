namespace KoreHistory.Client;

// Turns a validated query into the ordered segments (date window × id batch) to page through.
internal static class QueryPlans
{
    public static IReadOnlyList<Segment> Sessions(KoreSessionQuery query, string path, string paceKey, DateTimeOffset now)
    {
        var segments = new List<Segment>();
        if (query.SessionIds is { } ids)
        {
            foreach (var batch in Chunk(ids.Distinct(StringComparer.Ordinal).ToList()))
            {
                segments.Add(new Segment(path, paceKey, RequestBodies.SessionPageSize(query, batch), null, false, (_, skip) => RequestBodies.Sessions(query, null, batch, skip)));
            }

            return segments;
        }

        // The API lists sessions newest first, so windows go newest first too.
        foreach (var window in DateWindows.Split(DateWindows.Range(query.From, query.To, now), oldestFirst: false))
        {
            segments.Add(new Segment(path, paceKey, query.PageSize, window, false, (w, skip) => RequestBodies.Sessions(query, w, null, skip)));
        }

        return segments;
    }

    public static IReadOnlyList<Segment> Messages(KoreMessageQuery query, string path, string paceKey, DateTimeOffset now)
    {
        var segments = new List<Segment>();
        if (query.MessageId is not null)
        {
            segments.Add(new Segment(path, paceKey, query.PageSize, null, query.Direction != KoreDirection.Backward, (_, skip) => RequestBodies.Messages(query, null, query.SessionIds, skip)));
            return segments;
        }

        var batches = query.SessionIds is { } ids
            ? Chunk(ids.Distinct(StringComparer.Ordinal).ToList())
            : [null];
        foreach (var window in DateWindows.Split(DateWindows.Range(query.From, query.To, now), query.OldestFirst))
        {
            foreach (var batch in batches)
            {
                segments.Add(new Segment(path, paceKey, query.PageSize, window, query.OldestFirst, (w, skip) => RequestBodies.Messages(query, w, batch, skip)));
            }
        }

        return segments;
    }

    // Typed session ids are looked up first (getSessions, 50 ids per request): that reports unknown ids, and
    // the sessions' own spans replace the API's default last 7 days or a long range that would have to be
    // asked window by window. Batches from KoreSessionBatcher already carry their spans.
    public static bool ResolveSpansFirst(KoreMessageQuery query) => !query.SpansKnown;

    // Batches of sessions with known spans, each asked for in its own window (narrowed to the query's dates).
    public static IReadOnlyList<Segment> MessagesOfSpans(
        KoreMessageQuery query, IReadOnlyList<KoreSessionSpan> spans, string path, string paceKey, DateTimeOffset now)
    {
        if (query.From is not null || query.To is not null)
        {
            var range = DateWindows.Range(query.From, query.To, now);
            var lastIncluded = range.To - TimeSpan.FromMilliseconds(1);
            spans = spans
                .Select(s => (Span: s, End: s.End ?? now))
                .Where(s => s.Span.Start is { } start && start <= lastIncluded && s.End >= range.From)
                .Select(s => new KoreSessionSpan(
                    s.Span.SessionId,
                    s.Span.Start < range.From ? range.From : s.Span.Start,
                    s.End > lastIncluded ? lastIncluded : s.End))
                .ToList();
        }

        var segments = new List<Segment>();
        foreach (var batch in SpanBatch.Group(spans, now, query.OldestFirst))
        {
            var ids = batch.Ids.ToList();
            foreach (var window in DateWindows.Split(batch.Window, query.OldestFirst))
            {
                segments.Add(new Segment(path, paceKey, query.PageSize, window, query.OldestFirst, (w, skip) => RequestBodies.Messages(query, w, ids, skip)));
            }
        }

        return segments;
    }

    private static List<IReadOnlyList<string>?> Chunk(List<string> ids)
    {
        var chunks = new List<IReadOnlyList<string>?>();
        for (var i = 0; i < ids.Count; i += QueryRules.MaxSessionIdsPerRequest)
        {
            chunks.Add(ids.GetRange(i, Math.Min(QueryRules.MaxSessionIdsPerRequest, ids.Count - i)));
        }

        return chunks;
    }
}

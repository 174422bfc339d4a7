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
                segments.Add(new Segment(path, paceKey, skip => RequestBodies.Sessions(query, null, batch, skip)));
            }

            return segments;
        }

        // The API lists sessions newest first, so windows go newest first too.
        foreach (var window in DateWindows.Split(DateWindows.Range(query.From, query.To, now), oldestFirst: false))
        {
            segments.Add(new Segment(path, paceKey, skip => RequestBodies.Sessions(query, window, null, skip)));
        }

        return segments;
    }

    public static IReadOnlyList<Segment> Messages(KoreMessageQuery query, string path, string paceKey, DateTimeOffset now)
    {
        var segments = new List<Segment>();
        if (query.MessageId is not null)
        {
            segments.Add(new Segment(path, paceKey, skip => RequestBodies.Messages(query, null, query.SessionIds, skip)));
            return segments;
        }

        var batches = query.SessionIds is { } ids
            ? Chunk(ids.Distinct(StringComparer.Ordinal).ToList())
            : [null];
        foreach (var window in DateWindows.Split(DateWindows.Range(query.From, query.To, now), query.OldestFirst))
        {
            foreach (var batch in batches)
            {
                segments.Add(new Segment(path, paceKey, skip => RequestBodies.Messages(query, window, batch, skip)));
            }
        }

        return segments;
    }

    public static IReadOnlyList<Segment> MessagesOfSpans(
        KoreMessageQuery query, IReadOnlyList<KoreSessionSpan> spans, string path, string paceKey, DateTimeOffset now)
    {
        var segments = new List<Segment>();
        foreach (var batch in SpanBatch.Group(spans, now, query.OldestFirst))
        {
            var ids = batch.Ids.ToList();
            foreach (var window in DateWindows.Split(batch.Window, query.OldestFirst))
            {
                segments.Add(new Segment(path, paceKey, skip => RequestBodies.Messages(query, window, ids, skip)));
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

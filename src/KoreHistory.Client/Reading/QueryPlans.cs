namespace KoreHistory.Client;

// Turns a validated query into the ordered series (date window × channel × id batch) to page through.
internal static class QueryPlans
{
    public static IReadOnlyList<PageSeries> Sessions(KoreSessionQuery query, string path, string paceKey, DateTimeOffset now)
    {
        var series = new List<PageSeries>();
        if (query.SessionIds is { } ids)
        {
            foreach (var batch in Chunk(ids.Distinct(StringComparer.Ordinal).ToList()))
            {
                series.Add(new PageSeries(path, paceKey, RequestBodies.SessionPageSize(query, batch), null, false, (_, skip, limit) => RequestBodies.Sessions(query, null, batch, skip, limit)));
            }

            return series;
        }

        // The API lists sessions newest first, so windows go newest first too.
        foreach (var window in DateWindows.Split(DateWindows.Range(query.From, query.To, now), oldestFirst: false))
        {
            series.Add(new PageSeries(path, paceKey, query.PageSize, window, false, (w, skip, limit) => RequestBodies.Sessions(query, w, null, skip, limit)));
        }

        return series;
    }

    // By user and dates, around a message, or a batch from KoreSessionBatcher (its From/To already span its
    // sessions): every window, each channel asked for in turn, each batch of 50 ids.
    public static IReadOnlyList<PageSeries> Messages(KoreMessageQuery query, string path, string paceKey, DateTimeOffset now)
    {
        var series = new List<PageSeries>();
        var channels = query.Channels();
        if (query.MessageId is not null)
        {
            foreach (var channel in channels)
            {
                series.Add(new PageSeries(path, paceKey, query.PageSize, null, query.Direction != KoreDirection.Backward, (_, skip, limit) => RequestBodies.Messages(query, null, query.SessionIds, channel, skip, limit)));
            }

            return series;
        }

        var batches = query.SessionIds is { } ids
            ? Chunk(ids.Distinct(StringComparer.Ordinal).ToList())
            : [null];
        foreach (var window in DateWindows.Split(DateWindows.Range(query.From, query.To, now), query.OldestFirst))
        {
            foreach (var batch in batches)
            {
                Add(series, query, path, paceKey, [window], batch, channels);
            }
        }

        return series;
    }

    // Typed ids with dates, without looking them up (so without relying on getSessions' sessionId filter, which older
    // platforms lack). A range that fits in one API window is read whole, 50 ids a request. A longer one is read
    // only where the sessions can be: around the time each id encodes (SessionIdTimes), in the window a piped session
    // would get; ids that encode no time are read over the whole range.
    public static IReadOnlyList<PageSeries> MessagesOfTypedIds(KoreMessageQuery query, string path, string paceKey, DateTimeOffset now)
    {
        var range = DateWindows.Range(query.From, query.To, now);
        var ids = query.SessionIds!.Distinct(StringComparer.Ordinal).ToList();
        if (range.Length <= DateWindows.MaxLength)
        {
            return Messages(query, path, paceKey, now);
        }

        var timed = ids.Select(id => (Id: id, Time: SessionIdTimes.Of(id, now))).Where(t => t.Time is not null).ToList();
        var untimed = ids.Except(timed.Select(t => t.Id), StringComparer.Ordinal).ToList();
        var series = new List<PageSeries>();
        foreach (var batch in SpanBatch.Group(timed.Select(t => (new KoreSessionSpan(t.Id, t.Time, t.Time), (string?)null)), now, query.OldestFirst))
        {
            if (Intersect(batch.WindowUntil(now), range) is { } window)
            {
                Add(series, query, path, paceKey, DateWindows.Split(window, query.OldestFirst), batch.Ids.ToList(), query.Channels());
            }
        }

        foreach (var batch in Chunk(untimed))
        {
            Add(series, query, path, paceKey, DateWindows.Split(range, query.OldestFirst), batch, query.Channels());
        }

        return series;
    }

    // Sessions whose spans and channels are known (looked up by id): batches of one channel each, read from an hour
    // before their start to at least an hour after their end, in one API window where that fits (SpanBatch),
    // narrowed to the query's dates if it has any.
    // ivrAlone: read ivr sessions with channelType "ivr" (after a read without a channel returned nothing for them).
    public static IReadOnlyList<PageSeries> MessagesOfSessions(KoreMessageQuery query, IEnumerable<KoreSessionSpan> sessions, string path, string paceKey, DateTimeOffset now, bool ivrAlone = false)
    {
        var range = query.From is null && query.To is null ? (DateWindow?)null : DateWindows.Range(query.From, query.To, now);
        var readable = new List<(KoreSessionSpan Span, string? Channel)>();
        foreach (var session in sessions)
        {
            if (TryChannelFor(query, session.Channel, out var channel, ivrAlone))
            {
                readable.Add((session, channel));
            }
        }

        var series = new List<PageSeries>();
        foreach (var batch in SpanBatch.Group(readable, now, query.OldestFirst))
        {
            var window = batch.WindowUntil(now);
            if (range is { } dates)
            {
                if (Intersect(window, dates) is not { } narrowed)
                {
                    continue;
                }

                window = narrowed;
            }

            var channels = batch.Channel is null ? query.Channels() : [batch.Channel];
            Add(series, query, path, paceKey, DateWindows.Split(window, query.OldestFirst), batch.Ids.ToList(), channels);
        }

        return series;
    }

    // The channelType a session of `sessionChannel` is read with (null: none, or the query's own channels when the
    // session's is unknown); false when the query's channels exclude the session. A known channel is sent, so the read
    // is right whether or not the platform's getMessages defaults to rtm, except "ivr": channelType "ivr" alone
    // returns only the first webhook instance (kore-api.md), so an ivr session is read without a channel unless the
    // query names that channel or an instance (or ivrAlone asks for it: what a second read does when the first, without
    // a channel, returned nothing on a platform that defaults to rtm).
    public static bool TryChannelFor(KoreMessageQuery query, string? sessionChannel, out string? channel, bool ivrAlone = false)
    {
        channel = sessionChannel is null ? null : KoreChannelTypes.Canonical(sessionChannel);
        var asked = query.ChannelTypes ?? (query.ChannelType is null ? null : [query.ChannelType]);
        if (channel is null)
        {
            return true;
        }

        if (asked is not null)
        {
            var wanted = channel;
            return asked.Any(a => string.Equals(KoreChannelTypes.Canonical(a), wanted, StringComparison.Ordinal));
        }

        if (IsIvrReadWithoutChannel(query, channel) && !ivrAlone)
        {
            channel = null;
        }

        return true;
    }

    // Whether a session of this channel is read without a channel by this query (an ivr session, unless the query
    // names a channel or an IVR instance).
    public static bool IsIvrReadWithoutChannel(KoreMessageQuery query, string? sessionChannel) =>
        sessionChannel is not null && KoreChannelTypes.Canonical(sessionChannel) == "ivr"
        && query.ChannelType is null && query.ChannelTypes is null && query.IvrInstanceId is null;

    private static DateWindow? Intersect(DateWindow a, DateWindow b)
    {
        var from = a.From > b.From ? a.From : b.From;
        var to = a.To < b.To ? a.To : b.To;
        return from < to ? new DateWindow(from, to) : null;
    }

    private static void Add(List<PageSeries> series, KoreMessageQuery query, string path, string paceKey, IEnumerable<DateWindow> windows, IReadOnlyList<string>? ids, IReadOnlyList<string?> channels)
    {
        foreach (var window in windows)
        {
            foreach (var channel in channels)
            {
                series.Add(new PageSeries(path, paceKey, query.PageSize, window, query.OldestFirst, (w, skip, limit) => RequestBodies.Messages(query, w, ids, channel, skip, limit)));
            }
        }
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

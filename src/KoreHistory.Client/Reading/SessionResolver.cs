using System.Collections.Concurrent;

namespace KoreHistory.Client;

// Finds sessions by id without trusting a filter the server may not have. getSessions' `sessionId` filter exists only
// from platform v10.1.3 (Kore's get-sessions-history docs; kore-api-sources.md §2.2); an older server ignores it and
// answers its default window. So the answer is checked: a session that was not asked for means the filter was
// ignored, and the ids that came back neither as sessions nor in invalidSessions are looked for by date instead:
// around the time each id encodes (SessionIdTimes), or in the API's default window (the last 7 days) for an id that
// encodes none. Asked for by id, sessions older than 14 days come without their sessionTags (the same docs); with
// completeOldTags they are read again by date, which returns them, as long as that costs no more requests than the
// look-up itself (beyond that, they are listed in TagsMissing for a warning).
internal sealed class SessionResolver
{
    // How far around the time an id encodes its session's start_time is looked for by date: the captures have it
    // between 1 s before and 580 s after start_time (SessionIdTimes).
    private static readonly TimeSpan SearchMargin = TimeSpan.FromHours(1);

    // sessionTags come back by id only for sessions of the last 14 days.
    private static readonly TimeSpan TagsByIdAge = TimeSpan.FromDays(14);

    private readonly Func<PageSeries, int, CancellationToken, Task<Page<KoreSession>>> fetch;
    private readonly string path;
    private readonly string paceKey;
    private readonly DateTimeOffset now;
    private readonly int maxConcurrentRequests;

    public SessionResolver(Func<PageSeries, int, CancellationToken, Task<Page<KoreSession>>> fetch, string path, string paceKey, DateTimeOffset now, int maxConcurrentRequests)
    {
        this.fetch = fetch;
        this.path = path;
        this.paceKey = paceKey;
        this.now = now;
        this.maxConcurrentRequests = Math.Max(1, maxConcurrentRequests);
    }

    public async Task<SessionLookup> ResolveAsync(IReadOnlyList<string> ids, bool completeOldTags, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var found = new ConcurrentDictionary<string, KoreSession>(StringComparer.Ordinal);
        var unknown = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var filterIgnored = 0;
        var batches = new List<List<string>>();
        for (var i = 0; i < wanted.Count; i += QueryRules.MaxSessionIdsPerRequest)
        {
            batches.Add(wanted.GetRange(i, Math.Min(QueryRules.MaxSessionIdsPerRequest, wanted.Count - i)));
        }

        await ForEachAsync(batches, async batch =>
        {
            var asked = new HashSet<string>(batch, StringComparer.Ordinal);
            var series = QueryPlans.Sessions(new KoreSessionQuery { SessionIds = batch }, path, paceKey, now)[0];
            var skip = 0;
            while (true)
            {
                var page = await fetch(series, skip, cancellationToken).ConfigureAwait(false);
                var foreign = false;
                foreach (var session in page.Items)
                {
                    if (asked.Contains(session.SessionId))
                    {
                        found[session.SessionId] = session;
                    }
                    else
                    {
                        foreign = true;
                    }
                }

                foreach (var id in page.InvalidSessionIds.Where(asked.Contains))
                {
                    unknown[id] = true;
                }

                // Another session in the answer: the filter was ignored, and the rest of this answer is of no use.
                if (foreign)
                {
                    Interlocked.Exchange(ref filterIgnored, 1);
                    break;
                }

                if (!HasMore(page, skip))
                {
                    break;
                }

                skip += page.Items.Count;
            }
        }, cancellationToken).ConfigureAwait(false);

        var unresolved = wanted.Where(id => !found.ContainsKey(id) && !unknown.ContainsKey(id)).ToList();
        if (unresolved.Count > 0)
        {
            Interlocked.Exchange(ref filterIgnored, 1);
            var sought = new HashSet<string>(unresolved, StringComparer.Ordinal);
            foreach (var session in await SearchByDateAsync(SearchWindows(unresolved), sought, cancellationToken).ConfigureAwait(false))
            {
                found[session.SessionId] = session;
            }

            foreach (var id in unresolved.Where(id => !found.ContainsKey(id)))
            {
                unknown[id] = true;
            }
        }

        var tagsMissing = new List<string>();
        if (completeOldTags && filterIgnored == 0)
        {
            // Read again by date, each in a 1-ms window at its start, as long as that costs no more requests than the
            // look-up did; beyond that, the caller says which sessions may lack their tags.
            var old = found.Values.Where(s => (DateTimeOffset)s.StartTime < now - TagsByIdAge && s.SessionTags.Count == 0).ToList();
            var windows = Merge(old.Select(s => new DateWindow(DateWindows.Truncate(s.StartTime), DateWindows.CeilingExclusive(s.StartTime))));
            if (windows.Count <= batches.Count)
            {
                var again = await SearchByDateAsync(windows, new HashSet<string>(old.Select(s => s.SessionId), StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
                foreach (var session in again)
                {
                    found[session.SessionId] = session;
                }

                tagsMissing.AddRange(old.Select(s => s.SessionId).Where(id => found[id].SessionTags.Count == 0 && !again.Any(s => s.SessionId == id)));
            }
            else
            {
                tagsMissing.AddRange(old.Select(s => s.SessionId));
            }
        }

        return new SessionLookup(
            wanted.Where(found.ContainsKey).Select(id => found[id]).ToList(),
            wanted.Where(unknown.ContainsKey).ToList(),
            filterIgnored != 0,
            tagsMissing);
    }

    // Where to look for sessions by date: an hour either side of the time each id encodes, or the API's default
    // window (the last 7 days) for an id that encodes none; overlapping windows merged.
    private List<DateWindow> SearchWindows(IEnumerable<string> ids)
    {
        var end = DateWindows.CeilingExclusive(now);
        var windows = new List<DateWindow>();
        foreach (var id in ids)
        {
            if (SessionIdTimes.Of(id, now) is { } time)
            {
                var to = time + SearchMargin < end ? time + SearchMargin : end;
                if (to > time - SearchMargin)
                {
                    windows.Add(new DateWindow(time - SearchMargin, to));
                }
            }
            else
            {
                windows.Add(new DateWindow(end - DateWindows.MaxLength, end));
            }
        }

        return Merge(windows);
    }

    private static List<DateWindow> Merge(IEnumerable<DateWindow> windows)
    {
        var merged = new List<DateWindow>();
        foreach (var window in windows.OrderBy(w => w.From))
        {
            if (merged.Count > 0 && window.From <= merged[merged.Count - 1].To)
            {
                var last = merged[merged.Count - 1];
                merged[merged.Count - 1] = new DateWindow(last.From, window.To > last.To ? window.To : last.To);
            }
            else
            {
                merged.Add(window);
            }
        }

        return merged;
    }

    // Every session in the windows whose id is sought (getSessions by date, every page, up to `maxConcurrentRequests` at a time).
    private async Task<List<KoreSession>> SearchByDateAsync(IReadOnlyList<DateWindow> windows, HashSet<string> sought, CancellationToken cancellationToken)
    {
        var series = windows
            .SelectMany(w => QueryPlans.Sessions(new KoreSessionQuery { From = w.From, To = w.To }, path, paceKey, now))
            .ToList();
        var matches = new ConcurrentBag<KoreSession>();
        await ForEachAsync(series, async series =>
        {
            var skip = 0;
            while (true)
            {
                var page = await fetch(series, skip, cancellationToken).ConfigureAwait(false);
                foreach (var session in page.Items.Where(s => sought.Contains(s.SessionId)))
                {
                    matches.Add(session);
                }

                if (!HasMore(page, skip))
                {
                    break;
                }

                skip += page.Items.Count;
            }
        }, cancellationToken).ConfigureAwait(false);

        return matches.GroupBy(s => s.SessionId, StringComparer.Ordinal).Select(g => g.First()).ToList();
    }

    // moreAvailable, or a total that says more records follow: a platform that caps `limit` silently may say
    // moreAvailable false while skip + returned < total, and a look-up must not take that for the end.
    private static bool HasMore(Page<KoreSession> page, int skip) =>
        page.HasMoreAfter(skip) || (page.Items.Count > 0 && skip + page.Items.Count < page.Total);

    // Runs `run` for every item, up to `maxConcurrentRequests` at a time (the requests share the bot's pacing).
    private async Task ForEachAsync<TItem>(IReadOnlyList<TItem> items, Func<TItem, Task> run, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(maxConcurrentRequests);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await run(item).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }
}

namespace KoreHistory.Client;

public sealed partial class KoreConnection
{
    // One GetMessages read: its plan, its pages, its follow-up and what it says at the end, over the state they share
    // (the sessions whose messages came back, the look-up that planned it, the sessions read again as ivr).
    private sealed class MessageRead
    {
        private readonly KoreConnection connection;
        private readonly KoreMessageQuery query;
        private readonly string path;
        private readonly string paceKey;
        private readonly DateTimeOffset now;
        private readonly KoreReadOptions? options;
        private readonly SessionResolver resolver;
        private readonly SessionsSeen seen;
        private readonly List<string> readAgainAsIvr = [];
        private SessionLookup? planned;

        public MessageRead(KoreConnection connection, KoreMessageQuery query, string? bot, string path, string paceKey, DateTimeOffset now, KoreReadOptions? options)
        {
            this.connection = connection;
            this.query = query;
            this.path = path;
            this.paceKey = paceKey;
            this.now = now;
            this.options = options;
            resolver = connection.ResolverFor(bot, now, options);
            seen = new SessionsSeen(keepIds: query.SessionIds is not null);
        }

        public async Task<IReadOnlyList<PageSeries>> PlanAsync(KoreResults<KoreMessage> results, CancellationToken cancellationToken)
        {
            if (query.SessionIds is not { } ids || query.MessageId is not null || query.SpansKnown)
            {
                return QueryPlans.Messages(query, path, paceKey, now);
            }

            // With dates, typed ids need no look-up: the session id is the filter, the dates the window.
            if (query.From is not null || query.To is not null)
            {
                return QueryPlans.MessagesOfTypedIds(query, path, paceKey, now);
            }

            // Without, a look-up tells when each session ran and on which channel, and which ids are unknown.
            var lookup = await resolver.ResolveAsync(ids, completeOldTags: false, cancellationToken).ConfigureAwait(false);
            Report(lookup, results, options);
            planned = lookup;
            return QueryPlans.MessagesOfSessions(query, lookup.Sessions.Select(SpanOf), path, paceKey, now);
        }

        // Once the plan is read, what it could not tell. Around a message: if nothing came back, whether the API knows the
        // message at all (asked for alone, without the other filters). Sessions that returned no message: typed with
        // dates (read without a look-up), they are looked up now; unknown ones are reported, known ones read again with
        // their own channel and around their own span, which the first read may have missed. An ivr session read without
        // a channel (piped, or looked up) is read again with channelType "ivr": a platform whose getMessages defaults to
        // rtm returns nothing for it otherwise.
        public async Task<IReadOnlyList<PageSeries>> FollowUpAsync(KoreResults<KoreMessage> results, CancellationToken cancellationToken)
        {
            if (query.MessageId is { } messageId)
            {
                if (!seen.Any)
                {
                    var probe = new PageSeries(path, paceKey, 1, null, true, (_, _) => RequestBodies.MessageProbe(messageId));
                    var page = await connection.FetchAsync(probe, 0, query.Endpoint.Parse, options, cancellationToken).ConfigureAwait(false);
                    if (page.Items.Count == 0)
                    {
                        options?.OnInvalidMessageId?.Invoke(messageId);
                    }
                }

                return [];
            }

            var missing = query.SessionIds?.Distinct(StringComparer.Ordinal).Where(id => !seen.Saw(id)).ToList() ?? [];
            if (missing.Count == 0)
            {
                return [];
            }

            if (query.SpansKnown)
            {
                if (!query.IvrAgainIfEmpty)
                {
                    return [];
                }

                var again = query.Clone();
                again.SessionIds = missing;
                again.ChannelType = "ivr";
                again.IvrAgainIfEmpty = false;
                readAgainAsIvr.AddRange(missing);
                return QueryPlans.Messages(again, path, paceKey, now);
            }

            if (query.From is null && query.To is null)
            {
                var ivr = planned?.Sessions.Where(s => missing.Contains(s.SessionId) && QueryPlans.IsIvrReadWithoutChannel(query, s.Channel)).Select(SpanOf).ToList() ?? [];
                readAgainAsIvr.AddRange(ivr.Select(s => s.SessionId));
                return ivr.Count == 0 ? [] : QueryPlans.MessagesOfSessions(query, ivr, path, paceKey, now, ivrAlone: true);
            }

            var lookup = await resolver.ResolveAsync(missing, completeOldTags: false, cancellationToken).ConfigureAwait(false);
            Report(lookup, results, options);
            return QueryPlans.MessagesOfSessions(query, lookup.Sessions.Select(SpanOf), path, paceKey, now, ivrAlone: true);
        }

        // ivr sessions that returned nothing without a channel and nothing with channelType "ivr" either: empty sessions, or,
        // on a platform whose getMessages returns only rtm without a channel, sessions of another IVR webhook instance,
        // which only their instance id reads (kore-api-sources.md: "ivr" returns the first instance). Said, not left silent.
        public void WarnOfIvrSessionsWithoutMessages()
        {
            var unread = readAgainAsIvr.Distinct(StringComparer.Ordinal).Where(id => !seen.Saw(id)).ToList();
            if (unread.Count == 0)
            {
                return;
            }

            var named = string.Join(", ", unread.Take(5)) + (unread.Count > 5 ? $" and {unread.Count - 5} more" : "");
            options?.OnWarning?.Invoke(
                $"{unread.Count} ivr session(s) returned no message, read without a channel and again with channelType ivr (the first IVR webhook instance): {named}. On a platform whose getMessages returns only rtm without a channel, a session of another IVR webhook instance is read only with its instance id (IvrInstanceId).");
        }

        // A getMessages page, checked against what was asked (when it is parsed): a message of a session the request did not
        // name means the server ignored the sessionId filter, and the read stops before anything of another session is
        // handed over.
        public async Task<Page<KoreMessage>> FetchPageAsync(PageSeries series, int skip, CancellationToken cancellationToken)
        {
            var body = series.BodyForSkip(skip);
            var page = await connection.FetchAsync(series.PathAndQuery, body, series.PaceKey, query.Endpoint.Parse, options, cancellationToken).ConfigureAwait(false);
            return page.WhenParsed(parsed =>
            {
                if (RequestBodies.SessionIdsIn(body) is { } asked
                    && parsed.Items.FirstOrDefault(m => m.SessionId.Length > 0 && !asked.Contains(m.SessionId)) is { } foreign)
                {
                    throw new KoreResponseException(
                        $"The API answered message {foreign.MessageId} of session {foreign.SessionId}, which was not asked for: it ignored the sessionId filter of getMessages. The read stops so that no message of another session is written.",
                        new KoreErrorDetails(200, null, null, "POST", "/" + series.PathAndQuery.TrimStart('/')));
                }

                seen.Add(parsed.Items);
            });
        }
    }
}

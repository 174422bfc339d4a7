using System.Diagnostics;

namespace KoreHistory.Client;

// A validated connection to one Kore.ai host with one credential: reads sessions and messages lazily,
// paced per bot, retried, in API-sized date windows and session-id batches.
[DebuggerDisplay("{ToString(),nq}")]
public sealed class KoreConnection : IDisposable
{
    private readonly KoreConnectionSettings settings;
    private readonly KoreCredential credential;
    private readonly Func<DateTimeOffset> utcNow;
    private readonly Func<DateTimeOffset> historyNow;
    private readonly KoreApi api;

    public KoreConnection(KoreConnectionSettings settings)
        : this(settings, () => DateTimeOffset.UtcNow, SystemPacingClock.Instance)
    {
    }

    // historyNow: the "now" a query pins its date range to (tests pin it to an emulator's history).
    internal KoreConnection(KoreConnectionSettings settings, Func<DateTimeOffset> utcNow, IPacingClock pacingClock, Func<DateTimeOffset>? historyNow = null)
    {
        this.settings = ConnectionSettingsRules.CheckedCopy(settings);
        credential = settings.Credential!;
        this.utcNow = utcNow;
        this.historyNow = historyNow ?? utcNow;
        api = new KoreApi(this.settings, credential, utcNow, pacingClock);
    }

    public Uri BaseUri => settings.BaseUri;

    public string? BotId => settings.BotId;

    public bool AdminConsole => settings.AdminConsole;

    public string? ClientId => credential.ClientId;

    // "ClientSecret" (tokens minted per request) or "Token" (a ready-made token).
    public string CredentialType => credential.CanMintTokens ? "ClientSecret" : "Token";

    public int RequestsPerMinute => settings.RequestsPerMinute;

    public int RequestsPerHour => settings.RequestsPerHour;

    public string UserAgent => settings.UserAgent;

    public int MaxConcurrentRequests => settings.MaxConcurrentRequests;

    internal KoreApi Api => api;

    public KoreResults<KoreSession> GetSessions(KoreSessionQuery query, KoreReadOptions? options = null)
    {
        if (query is null)
        {
            throw new KoreValidationException("A session query is required.", nameof(query));
        }

        var pinned = query.Clone();
        pinned.Validate();
        var bot = BotFor(pinned.BotId);
        var now = historyNow();
        CheckSpan(pinned.From, pinned.To, now);
        var path = SessionsPath(bot, pinned.ContainmentType);
        var paceKey = PaceKeyOf(bot);
        return new KoreResults<KoreSession>(
            _ => Task.FromResult<IReadOnlyList<Segment>>(QueryPlans.Sessions(pinned, path, paceKey, now)),
            (segment, skip, ct) => FetchAsync(segment, skip, PageParser.Sessions, options, ct),
            options?.OnInvalidSessionId,
            SessionKeys,
            settings.MaxConcurrentRequests);
    }

    public KoreResults<KoreMessage> GetMessages(KoreMessageQuery query, KoreReadOptions? options = null)
    {
        if (query is null)
        {
            throw new KoreValidationException("A message query is required.", nameof(query));
        }

        var pinned = query.Clone();
        pinned.Validate();
        var bot = BotFor(pinned.BotId);
        if (pinned.UseMessagesV2 && bot is null)
        {
            throw new KoreValidationException(
                "UseMessagesV2 reads one bot: getMessagesV2 has no admin-console route. Give a bot id (BotId) or read without UseMessagesV2.",
                nameof(KoreMessageQuery.UseMessagesV2));
        }

        var now = historyNow();
        CheckSpan(pinned.From, pinned.To, now);
        var path = MessagesPath(bot, pinned.UseMessagesV2);
        var paceKey = PaceKeyOf(bot);
        KoreResults<KoreMessage>? results = null;
        results = new KoreResults<KoreMessage>(
            async ct =>
            {
                if (pinned.SessionIds is { } ids && pinned.MessageId is null && QueryPlans.ResolveSpansFirst(pinned))
                {
                    var spans = await ResolveSpansAsync(ids, bot, options, results!, ct).ConfigureAwait(false);
                    return QueryPlans.MessagesOfSpans(pinned, spans, path, paceKey, now);
                }

                return QueryPlans.Messages(pinned, path, paceKey, now);
            },
            (segment, skip, ct) => FetchAsync(segment, skip, PageParser.Messages, options, ct),
            options?.OnInvalidSessionId,
            MessageKeys,
            settings.MaxConcurrentRequests);
        return results;
    }

    private static readonly RecordKeys<KoreSession> SessionKeys = new(s => s.StartTime, s => s.SessionId);

    private static readonly RecordKeys<KoreMessage> MessageKeys = new(m => m.Time, m => m.MessageId);

    public override string ToString()
    {
        var scope = AdminConsole ? "admin console" + (BotId is null ? "" : $", bot {BotId}") : $"bot {BotId}";
        return $"{BaseUri.GetLeftPart(UriPartial.Authority)} ({scope}, {credential})";
    }

    public void Dispose()
    {
        api.Dispose();
        credential.Dispose();
    }

    // Session spans for ids typed without dates: getSessions by id (≤ 50 per request) tells when each
    // ran, so getMessages can be asked for exactly those windows. Unknown ids are reported.
    private async Task<IReadOnlyList<KoreSessionSpan>> ResolveSpansAsync(
        IReadOnlyList<string> ids, string? bot, KoreReadOptions? options, KoreResults<KoreMessage> results, CancellationToken cancellationToken)
    {
        var path = SessionsPath(bot, null);
        var paceKey = PaceKeyOf(bot);
        var lookup = new KoreSessionQuery { SessionIds = ids };
        var segments = QueryPlans.Sessions(lookup, path, paceKey, utcNow());
        var spansOf = new List<KoreSessionSpan>[segments.Count];
        // Batches of 50 ids are looked up up to MaxConcurrentRequests at a time (they share the bot's pacing).
        using var gate = new SemaphoreSlim(settings.MaxConcurrentRequests);
        await Task.WhenAll(segments.Select(async (segment, index) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var found = new List<KoreSessionSpan>();
                var skip = 0;
                while (true)
                {
                    var page = await FetchAsync(segment, skip, PageParser.Sessions, options, cancellationToken).ConfigureAwait(false);
                    results.ReportInvalidSessionIds(page.InvalidSessionIds);
                    found.AddRange(page.Items.Select(s => s.ToSpan()));
                    if (!page.HasMoreAfter(skip))
                    {
                        break;
                    }

                    skip += page.Items.Count;
                }

                spansOf[index] = found;
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        return spansOf.SelectMany(found => found).ToList();
    }

    private async Task<Page<T>> FetchAsync<T>(Segment segment, int skip, Func<byte[], Page<T>> parse, KoreReadOptions? options, CancellationToken cancellationToken)
    {
        var body = await api.PostAsync(segment.PathAndQuery, segment.BodyForSkip(skip), segment.PaceKey, options, cancellationToken).ConfigureAwait(false);
        try
        {
            return parse(body);
        }
        catch (KoreResponseException exception)
        {
            throw new KoreResponseException(exception.Message, new KoreErrorDetails(200, null, null, "POST", "/" + segment.PathAndQuery.TrimStart('/')), exception);
        }
    }

    // From alone reads until now: the span is known only here. Then the dates themselves (after the span, whose
    // message says more about a range reaching back to 1900).
    private static void CheckSpan(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now)
    {
        if (from is { } start && to is null)
        {
            QueryRules.Span(start, now);
        }

        QueryRules.Dates(from, to);
    }

    private string? BotFor(string? queryBot)
    {
        var bot = queryBot ?? settings.BotId;
        if (bot is null && !settings.AdminConsole)
        {
            throw new KoreValidationException("A bot id is required: connect with a bot id or give BotId in the query.", "BotId");
        }

        return bot;
    }

    private static string SessionsPath(string? bot, KoreContainmentType? containment)
    {
        var path = bot is null ? "api/public/getSessions" : $"api/public/bot/{Uri.EscapeDataString(bot)}/getSessions";
        return containment is { } type ? $"{path}?containmentType={RequestBodies.ContainmentTypeOf(type)}" : path;
    }

    // An admin-console app reads one bot through the bot's routes, or every bot through the admin routes.
    private static string MessagesPath(string? bot, bool v2) =>
        bot is null ? "api/public/getMessages" : $"api/public/bot/{Uri.EscapeDataString(bot)}/{(v2 ? "getMessagesV2" : "getMessages")}";

    // The API limits per bot; the admin routes share one budget.
    private static string PaceKeyOf(string? bot) => bot ?? "admin";
}

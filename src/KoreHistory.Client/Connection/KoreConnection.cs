using System.Collections.Concurrent;
using System.Diagnostics;
using System.IdentityModel.Tokens.Jwt;

namespace KoreHistory.Client;

/// <summary>
/// A validated connection to one Kore.ai host with one credential: reads sessions and messages lazily,
/// paced per bot, retried, in API-sized date windows and session-id batches.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed partial class KoreConnection : IDisposable
{
    private readonly KoreConnectionSettings settings;
    private readonly KoreCredential credential;
    private readonly TimeProvider rangeClock;
    private readonly KoreApi api;

    /// <summary>Validates a copy of the settings (later changes to them do not reach the connection); throws <see cref="KoreValidationException"/> naming what is wrong. Sends nothing.</summary>
    public KoreConnection(KoreConnectionSettings settings)
        : this(settings, TimeProvider.System)
    {
    }

    // time: the connection's clock (token lifetimes, Retry-After dates, pacing, retry waits and timeouts).
    // rangeClock: the clock whose now ends a query's open date range; time when null (tests set it to an emulator's
    // history, which stands still).
    internal KoreConnection(KoreConnectionSettings settings, TimeProvider time, TimeProvider? rangeClock = null)
    {
        this.settings = ConnectionSettingsRules.CheckedCopy(settings);
        credential = settings.Credential!;
        this.rangeClock = rangeClock ?? time;
        api = new KoreApi(this.settings, credential, time);
    }

    /// <summary>The host every request goes to.</summary>
    public Uri BaseUri => settings.BaseUri;

    /// <summary>The bot read when a query names none; null for an admin-console connection without one.</summary>
    public string? BotId => settings.BotId;

    /// <summary>Whether the connection reads through the Bot Admin Console routes.</summary>
    public bool AdminConsole => settings.AdminConsole;

    /// <summary>The credential's client id; null for a ready-made token.</summary>
    public string? ClientId => credential.ClientId;

    /// <summary>"ClientSecret" (tokens minted per request) or "Token" (a ready-made token).</summary>
    public string CredentialType => credential.CanMintTokens ? "ClientSecret" : "Token";

    /// <summary>The most requests sent for one bot within <see cref="MinuteWindow"/>.</summary>
    public int RequestsPerMinute => settings.RequestsPerMinute;

    /// <summary>The most requests sent for one bot within <see cref="HourWindow"/>.</summary>
    public int RequestsPerHour => settings.RequestsPerHour;

    /// <summary>The User-Agent header sent with every request.</summary>
    public string UserAgent => settings.UserAgent;

    /// <summary>Page requests one read keeps in flight at most.</summary>
    public int MaxConcurrentRequests => settings.MaxConcurrentRequests;

    /// <summary>The windows RequestsPerMinute and RequestsPerHour are counted over (a minute and an hour against Kore.ai).</summary>
    public TimeSpan MinuteWindow => settings.MinuteWindow;

    /// <summary>The window <see cref="RequestsPerHour"/> is counted over.</summary>
    public TimeSpan HourWindow => settings.HourWindow;

    internal KoreApi Api => api;

    /// <summary>Sessions matching the query, newest first (getSessions), read lazily. The query is validated (and copied) now; throws <see cref="KoreValidationException"/> before any request.</summary>
    public KoreResults<KoreSession> GetSessions(KoreSessionQuery query, KoreReadOptions? options = null)
    {
        var now = rangeClock.GetUtcNow();
        var (checkedQuery, bot, path, paceKey) = OpenRead(query, "A session query is required.", now);
        if (checkedQuery.SessionIds is { } ids)
        {
            return SessionsById(ids, bot, now, options);
        }

        var pathAndQuery = path + RequestBodies.SessionsQueryString(checkedQuery);
        return new KoreResults<KoreSession>(
            (_, _) => Task.FromResult<IReadOnlyList<PageSeries>>(QueryPlans.Sessions(checkedQuery, pathAndQuery, paceKey, now)),
            (series, skip, ct) => FetchAsync(series, skip, KoreEndpoints.Sessions.Parse, options, ct),
            options?.OnInvalidSessionId,
            SessionKeys,
            settings.MaxConcurrentRequests,
            sequence: options?.Sequence);
    }

    /// <summary>Messages matching the query (getMessages, or getMessagesV2), newest first unless the query says oldest first, read lazily. The query is validated (and copied) now; throws <see cref="KoreValidationException"/> before any request.</summary>
    public KoreResults<KoreMessage> GetMessages(KoreMessageQuery query, KoreReadOptions? options = null)
    {
        var now = rangeClock.GetUtcNow();
        var (checkedQuery, bot, path, paceKey) = OpenRead(query, "A message query is required.", now);
        var read = new MessageRead(this, checkedQuery, bot, path, paceKey, now, options);
        return new KoreResults<KoreMessage>(
            read.PlanAsync,
            read.FetchPageAsync,
            options?.OnInvalidSessionId,
            MessageKeys,
            settings.MaxConcurrentRequests,
            read.FollowUpAsync,
            options?.Sequence,
            read.WarnOfIvrSessionsWithoutMessages);
    }

    /// <summary>
    /// Checks the credentials and the bot with one request (getSessions for the last minute, one record), paced and
    /// retried like any other. Throws <see cref="KoreAuthenticationException"/> when the API refuses them,
    /// <see cref="KoreTransportException"/> when the host cannot be reached. Returns false, sending nothing, for a
    /// ready-made token that carries a <c>jti</c>: the API accepts such a token once, and the check would spend it.
    /// </summary>
    public async Task<bool> CheckAsync(KoreReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (IsSingleUseToken())
        {
            return false;
        }

        var now = rangeClock.GetUtcNow();
        var probe = new KoreSessionQuery { From = now.AddMinutes(-1), To = now, PageSize = 1 };
        await GetSessions(probe, options).GetTotalCountAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool IsSingleUseToken()
    {
        if (credential.CanMintTokens)
        {
            return false;
        }

        var handler = new JwtSecurityTokenHandler();
        var token = credential.RevealToken();
        try
        {
            return handler.CanReadToken(token) && handler.ReadJwtToken(token).Payload.Jti is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static readonly RecordKeys<KoreSession> SessionKeys = new(s => s.StartTime, s => s.SessionId);

    private static readonly RecordKeys<KoreMessage> MessageKeys = new(m => m.Time, m => m.MessageId);

    /// <summary>The host, the scope (bot or admin console) and the credential's kind, never a secret.</summary>
    public override string ToString()
    {
        var scope = AdminConsole ? "admin console" + (BotId is null ? "" : $", bot {BotId}") : $"bot {BotId}";
        return $"{BaseUri.GetLeftPart(UriPartial.Authority)} ({scope}, {credential})";
    }

    /// <summary>Closes the connection's HTTP client and zeroes the credential's secret.</summary>
    public void Dispose()
    {
        api.Dispose();
        credential.Dispose();
    }

    // Sessions by id: looked up without trusting getSessions' sessionId filter (SessionResolver), older sessions'
    // sessionTags read again by date, then handed over newest first as one page that costs no further request (any
    // part of it asked for, by skip and limit, is cut from it).
    private KoreResults<KoreSession> SessionsById(IReadOnlyList<string> ids, string? bot, DateTimeOffset now, KoreReadOptions? options)
    {
        var path = KoreEndpoints.Sessions.PathFor(bot);
        var paceKey = PaceKeyOf(bot);
        var answered = new ConcurrentDictionary<PageSeries, Page<KoreSession>>();
        return new KoreResults<KoreSession>(
            async (results, ct) =>
            {
                var lookup = await ResolverFor(bot, now, options).ResolveAsync(ids, completeOldTags: true, ct).ConfigureAwait(false);
                Report(lookup, results, options);
                var sessions = lookup.Sessions
                    .OrderByDescending(s => (DateTimeOffset)s.StartTime)
                    .ThenByDescending(s => s.SessionId, StringComparer.Ordinal)
                    .ToList();
                var lookupQuery = new KoreSessionQuery { SessionIds = ids };
                var series = new PageSeries(path, paceKey, Math.Max(1, sessions.Count), null, false, (_, skip) => RequestBodies.Sessions(lookupQuery, null, ids, skip));
                answered[series] = new Page<KoreSession>(sessions.Count, false, sessions, []);
                return [series];
            },
            (series, skip, ct) => answered.TryGetValue(series.Unlimited, out var page)
                ? Task.FromResult(page.Slice(skip, series.Limit))
                : FetchAsync(series, skip, KoreEndpoints.Sessions.Parse, options, ct),
            options?.OnInvalidSessionId,
            SessionKeys,
            settings.MaxConcurrentRequests,
            sequence: options?.Sequence);
    }

    private SessionResolver ResolverFor(string? bot, DateTimeOffset now, KoreReadOptions? options) =>
        new((series, skip, ct) => FetchAsync(series, skip, KoreEndpoints.Sessions.Parse, options, ct),
            KoreEndpoints.Sessions.PathFor(bot), PaceKeyOf(bot), now, settings.MaxConcurrentRequests);

    // Unknown ids become OnInvalidSessionId calls; what the platform could not do is said through OnWarning.
    private static void Report<T>(SessionLookup lookup, KoreResults<T> results, KoreReadOptions? options)
    {
        results.ReportInvalidSessionIds(lookup.Unknown);
        if (lookup.FilterIgnored)
        {
            options?.OnWarning?.Invoke(
                "This Kore.ai platform ignores the sessionId filter of getSessions (it came with platform v10.1.3): the sessions were looked for by date instead, within an hour of the time each session id encodes (or in the last 7 days for an id that encodes none).");
        }

        if (lookup.TagsMissing.Count > 0)
        {
            options?.OnWarning?.Invoke(
                $"The API leaves out the sessionTags of sessions older than 14 days asked for by id: {lookup.TagsMissing.Count} such sessions came without any (they may have none): {string.Join(", ", lookup.TagsMissing.Take(10))}{(lookup.TagsMissing.Count > 10 ? ", …" : "")}. Read them by date (Get-KoreSession -From … -To …) to get their tags.");
        }
    }

    private static KoreSessionSpan SpanOf(KoreSession session) => new(session.SessionId, session.StartTime, session.EndTime, session.Channel);

    private Task<Page<T>> FetchAsync<T>(PageSeries series, int skip, Func<byte[], int, Page<T>> parse, KoreReadOptions? options, CancellationToken cancellationToken) =>
        FetchAsync(series.PathAndQuery, series.BodyForSkip(skip), series.PaceKey, parse, options, cancellationToken);

    // A large body (a getMessagesV2 page) is parsed when its page is taken (Page.Deferred), a small one now; the buffer
    // it was read into is reused once it is parsed (PageBody).
    private async Task<Page<T>> FetchAsync<T>(string pathAndQuery, byte[] body, string paceKey, Func<byte[], int, Page<T>> parse, KoreReadOptions? options, CancellationToken cancellationToken)
    {
        var answer = await api.PostForPageAsync(pathAndQuery, body, paceKey, options, cancellationToken).ConfigureAwait(false);
        return answer.Length >= Page<T>.DeferredParseBytes ? Page<T>.Deferred(answer.Length, Parse) : Parse();

        Page<T> Parse()
        {
            using (answer)
            {
                try
                {
                    return parse(answer.Buffer, answer.Length);
                }
                catch (KoreResponseException exception)
                {
                    throw new KoreResponseException(exception.Message, new KoreErrorDetails(200, null, null, "POST", "/" + pathAndQuery.TrimStart('/')), exception);
                }
            }
        }
    }

    // What every read opens with: its own copy of the query, validated; the bot it reads, which the endpoint must have a
    // route for; its dates, checked against now; and where its requests go (the endpoint's path, the bot's pace key).
    private (TQuery Query, string? Bot, string Path, string PaceKey) OpenRead<TQuery, TRecord>(IKoreQuery<TQuery, TRecord>? query, string missing, DateTimeOffset now)
        where TQuery : IKoreQuery<TQuery, TRecord>
    {
        if (query is null)
        {
            throw new KoreValidationException(missing, nameof(query));
        }

        var checkedQuery = query.Clone();
        checkedQuery.Validate();
        var bot = BotFor(checkedQuery.BotId);
        checkedQuery.Endpoint.CheckScope(bot);
        CheckSpan(checkedQuery.From, checkedQuery.To, now);
        return (checkedQuery, bot, checkedQuery.Endpoint.PathFor(bot), PaceKeyOf(bot));
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

    // The API limits per bot; the admin routes share one budget.
    private static string PaceKeyOf(string? bot) => bot ?? "admin";
}

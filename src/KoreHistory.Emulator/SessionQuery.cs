namespace KoreHistory.Emulator;

internal static class Vocabulary
{
    public static readonly IReadOnlyList<string> ChannelTypes =
    [
        "skypeforbusiness", "msteams", "twitter", "spark", "rtm", "facebook", "slack", "skype", "kore", "email", "sms",
        "wfacebook", "ringcentral", "jabber", "yammer", "alexa", "twiliovoice", "telegram", "ivr", "ivrVoice", "smartassist",
        "line", "liveperson", "googleactions", "hangoutchat", "mattermost", "rcs", "korevg",
    ];
    public static readonly IReadOnlyList<string> SessionTypes = ["interactive", "non-interactive"];
    public static readonly IReadOnlyList<string> ContainmentTypes = ["dropOff", "selfService", "agent"];
    public static readonly IReadOnlyList<string> SessionTagTypes = ["user", "session"];
    public static readonly IReadOnlyList<string> MessageTagTypes = ["user", "message", "session"];
    public const int MaxSessionIds = 50;
}

/// A validated getSessions call.
internal sealed class SessionQuery
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    public string? UserId { get; private init; }
    public DateWindow Window { get; private init; }
    public long Skip { get; private init; }

    /// The limit asked for; moreAvailable is computed from it.
    public int Limit { get; private init; }

    /// The records a page holds: Limit, or less under EmulatorPlatform.LimitCap.
    public int PageLimit { get; private init; }
    public string? SessionType { get; private init; }
    public string? ContainmentType { get; private init; }
    public TagFilter? Tags { get; private init; }

    /// When set, every other filter is ignored (kore-api.md); duplicates count toward the 50.
    public IReadOnlyList<string>? SessionIds { get; private init; }

    public static SessionQuery Parse(RequestArgs args, DateTimeOffset now, EmulatorPlatform platform)
    {
        var sessionType = args.String("sessionType");
        if (sessionType is not null && !Vocabulary.SessionTypes.Contains(sessionType))
            throw new ApiValidationException($"sessionType must be one of {string.Join(", ", Vocabulary.SessionTypes)}, not '{sessionType}'");
        var containment = args.String("containmentType");
        if (containment is not null && !Vocabulary.ContainmentTypes.Contains(containment))
            throw new ApiValidationException($"containmentType must be one of {string.Join(", ", Vocabulary.ContainmentTypes)}, not '{containment}'");
        return new SessionQuery
        {
            UserId = NonEmpty(args, "userId"),
            Window = DateWindow.Resolve(args.String("dateFrom"), args.String("dateTo"), now, platform.InclusiveDateTo),
            Skip = Paging.Skip(args),
            Limit = Paging.Limit(args, DefaultLimit, MaxLimit),
            PageLimit = Paging.Capped(Paging.Limit(args, DefaultLimit, MaxLimit), platform),
            SessionType = sessionType,
            ContainmentType = containment,
            Tags = args.Tags("tags", Vocabulary.SessionTagTypes.ToList()),
            // Before v10.1.3 the filter does not exist: the ids are not even looked at.
            SessionIds = platform.SessionIdFilter ? Paging.SessionIds(args) : null,
        };
    }

    internal static string? NonEmpty(RequestArgs args, string name)
    {
        var value = args.String(name);
        return value is not null && value.Length == 0 ? throw new ApiValidationException($"{name} must not be empty") : value;
    }
}

/// A validated getMessages / getMessagesV2 call.
internal sealed class MessageQuery
{
    public const int MaxLimit = 100;
    public const int MaxLimitV2 = 10_000;
    public const int DefaultLimit = 100;

    public string? UserId { get; private init; }

    /// Null when msgId is given (msgId cannot be combined with dates).
    public DateWindow? Window { get; private init; }
    public long Skip { get; private init; }

    /// The limit asked for; moreAvailable is computed from it.
    public int Limit { get; private init; }

    /// The records a page holds: Limit, or less under EmulatorPlatform.LimitCap.
    public int PageLimit { get; private init; }
    public bool Forward { get; private init; }
    public string? ChannelType { get; private init; }
    public string? IvrInstanceId { get; private init; }
    public string? MessageId { get; private init; }

    /// Below 0 backward, 0 both, above 0 forward (the default).
    public int Direction { get; private init; }
    public IReadOnlySet<string>? SessionIds { get; private init; }
    public TagFilter? Tags { get; private init; }
    public bool LeaveOutAlertsAndActions { get; private init; }

    /// includeTraceId: adds traceId to incoming messages.
    public bool IncludeTraceId { get; private init; }

    public static MessageQuery Parse(RequestArgs args, DateTimeOffset now, bool isGet, bool v2, EmulatorPlatform platform)
    {
        var userId = SessionQuery.NonEmpty(args, "userId");
        if (isGet && userId is null) throw new ApiValidationException("userId is required on GET");
        var channel = args.String("channelType");
        if (channel is not null && !Vocabulary.ChannelTypes.Contains(channel))
            throw new ApiValidationException($"channelType '{channel}' is not a known channel type");
        var ivrInstance = SessionQuery.NonEmpty(args, "ivrInstID");
        if (isGet || (platform.PostDefaultsToRtm && ivrInstance is null)) channel ??= "rtm";
        var msgId = SessionQuery.NonEmpty(args, "msgId");
        var dateFrom = args.String("dateFrom");
        var dateTo = args.String("dateTo");
        if (msgId is not null && (dateFrom is not null || dateTo is not null))
            throw new ApiValidationException("msgId cannot be combined with dateFrom or dateTo");
        var direction = args.Integer("direction") ?? 1;
        var ids = Paging.SessionIds(args);
        return new MessageQuery
        {
            UserId = userId,
            Window = msgId is null ? DateWindow.Resolve(dateFrom, dateTo, now, platform.InclusiveDateTo) : null,
            Skip = Paging.Skip(args),
            Limit = Paging.Limit(args, DefaultLimit, v2 ? MaxLimitV2 : MaxLimit),
            PageLimit = Paging.Capped(Paging.Limit(args, DefaultLimit, v2 ? MaxLimitV2 : MaxLimit), platform),
            Forward = args.Boolean("forward") ?? false,
            ChannelType = channel,
            IvrInstanceId = ivrInstance,
            MessageId = msgId,
            Direction = Math.Sign(direction),
            SessionIds = ids?.ToHashSet(StringComparer.Ordinal),
            Tags = args.Tags("tags", Vocabulary.MessageTagTypes.ToList()),
            LeaveOutAlertsAndActions = v2,
            IncludeTraceId = args.Boolean("includeTraceId") ?? false,
        };
    }
}

internal static class Paging
{
    public static long Skip(RequestArgs args)
    {
        var skip = args.Has("skip") ? args.Integer("skip") : args.Integer("offset");
        var name = args.Has("skip") ? "skip" : "offset";
        if (skip is < 0) throw new ApiValidationException($"{name} must be 0 or more");
        return skip ?? 0;
    }

    public static int Limit(RequestArgs args, int defaultLimit, int maxLimit)
    {
        var limit = args.Integer("limit");
        if (limit is null) return defaultLimit;
        if (limit < 1 || limit > maxLimit) throw new ApiValidationException($"limit must be between 1 and {maxLimit}");
        return (int)limit.Value;
    }

    public static int Capped(int limit, EmulatorPlatform platform) => platform.LimitCap is { } cap ? Math.Min(limit, cap) : limit;

    public static IReadOnlyList<string>? SessionIds(RequestArgs args)
    {
        var ids = args.StringArray("sessionId");
        if (ids is null) return null;
        if (ids.Count == 0) throw new ApiValidationException("sessionId must not be an empty array");
        if (ids.Count > Vocabulary.MaxSessionIds)
            throw new ApiValidationException($"sessionId accepts at most {Vocabulary.MaxSessionIds} ids, not {ids.Count}");
        return ids;
    }
}

namespace KoreHistory.Emulator;

/// A validated getMessages / getMessagesV2 call.
internal sealed class MessageQuery
{
    public const int MaxLimit = 100;
    public const int MaxLimitV2 = 10_000;
    public const int DefaultLimit = 100;

    public string? UserId { get; private init; }

    /// Null when msgId is given (msgId cannot be combined with dates).
    public DateWindow? Window { get; private init; }
    public PageRequest Page { get; private init; }
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
            Page = Paging.Request(args, DefaultLimit, v2 ? MaxLimitV2 : MaxLimit, platform),
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

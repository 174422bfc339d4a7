namespace KoreHistory.Client;

// getMessages (POST). MessageId + Direction reads around one message and cannot be combined with dates.
public sealed class KoreMessageQuery : IKoreQuery<KoreMessageQuery, KoreMessage>
{
    public const int MaxPageSize = KoreEndpoints.MessagesMaxPageSize;

    // getMessagesV2 returns up to 10,000 messages a request.
    public const int MaxPageSizeV2 = KoreEndpoints.MessagesV2MaxPageSize;

    private int? pageSize;

    public IReadOnlyList<string>? SessionIds { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    // One of KoreChannelTypes.All (any case). Without a channel, nothing is sent: POST getMessages then returns every
    // channel (kore-api.md), though a platform may default to rtm as GET does. Sessions piped through
    // KoreSessionBatcher, or looked up by id, are read with their own channel.
    public string? ChannelType { get; set; }

    /// <summary>Several channels (each one of KoreChannelTypes.All): the API takes one channelType a request, so each
    /// channel is read in turn, window by window. Not with ChannelType.</summary>
    public IReadOnlyList<string>? ChannelTypes { get; set; }

    public string? IvrInstanceId { get; set; }

    public string? MessageId { get; set; }

    public KoreDirection? Direction { get; set; }

    public bool OldestFirst { get; set; }

    // Asks for traceId on incoming messages (Kore keeps traces for 30 days).
    public bool IncludeTraceId { get; set; }

    public KoreTagFilter? Tags { get; set; }

    // Messages a request asks for; by default the maximum of the API used (100, or 10,000 with UseMessagesV2).
    public int PageSize
    {
        get => pageSize ?? Endpoint.DefaultPageSize;
        set => pageSize = value;
    }

    // Reads through getMessagesV2 (bot routes only): up to 10,000 messages a request, so a bulk export needs a
    // hundredth of the requests, but the API leaves out Alert and Action task messages there.
    public bool UseMessagesV2 { get; set; }

    public string? BotId { get; set; }

    // Set by KoreSessionBatcher: From/To already span exactly these sessions, so they need no look-up.
    internal bool SpansKnown { get; set; }

    // Set by KoreSessionBatcher for a batch of ivr sessions read without a channel: ids that return nothing are read
    // again with channelType "ivr" (a platform whose getMessages defaults to rtm returns nothing for them otherwise).
    internal bool IvrAgainIfEmpty { get; set; }

    // The endpoint this query reads through (one of KoreEndpoints.OfMessages).
    internal KoreEndpoint<KoreMessage> Endpoint => UseMessagesV2 ? KoreEndpoints.MessagesV2 : KoreEndpoints.Messages;

    KoreEndpoint<KoreMessage> IKoreQuery<KoreMessageQuery, KoreMessage>.Endpoint => Endpoint;

    public void Validate()
    {
        QueryRules.SessionIds(SessionIds);
        QueryRules.OptionalId(UserId, nameof(UserId));
        QueryRules.OptionalBotId(BotId, nameof(BotId));
        QueryRules.OptionalId(MessageId, nameof(MessageId));
        QueryRules.Range(From, To);
        Endpoint.CheckPageSize(PageSize, KoreEndpoints.OfMessages);
        QueryRules.Tags(Tags);
        if (IvrInstanceId is not null && string.IsNullOrWhiteSpace(IvrInstanceId))
        {
            throw new KoreValidationException("IvrInstanceId must not be empty.", nameof(IvrInstanceId));
        }

        if (ChannelType is not null && ChannelTypes is not null)
        {
            throw new KoreValidationException("Give ChannelType or ChannelTypes, not both.", nameof(ChannelTypes));
        }

        if (ChannelTypes is { Count: 0 })
        {
            throw new KoreValidationException("ChannelTypes must contain at least one channel when given.", nameof(ChannelTypes));
        }

        foreach (var channel in ChannelTypes ?? (ChannelType is null ? [] : [ChannelType]))
        {
            if (channel is null || KoreChannelTypes.Canonical(channel) is null)
            {
                throw new KoreValidationException(
                    $"ChannelType has the unknown value '{channel}'; valid values: {string.Join(", ", KoreChannelTypes.All)}.",
                    nameof(ChannelType));
            }
        }

        if (Direction is { } direction)
        {
            QueryRules.Defined(direction, nameof(Direction));
            if (MessageId is null)
            {
                throw new KoreValidationException("Direction needs a MessageId to read around.", nameof(Direction));
            }
        }

        if (MessageId is not null && (From is not null || To is not null))
        {
            throw new KoreValidationException(
                "MessageId cannot be combined with From or To: the API reads around a message, not within dates.",
                nameof(MessageId));
        }
    }

    public KoreMessageQuery Clone() => (KoreMessageQuery)MemberwiseClone();

    // The channels to read, in the API's spelling, each asked for on its own; [null] when no channel is sent.
    internal IReadOnlyList<string?> Channels() =>
        (ChannelTypes ?? (ChannelType is null ? null : [ChannelType]))?.Select(c => KoreChannelTypes.Canonical(c)).Distinct(StringComparer.Ordinal).ToList()
        ?? [null];
}

namespace KoreHistory.Client;

/// <summary>getMessages (POST), or getMessagesV2 with UseMessagesV2. MessageId + Direction reads around one message and
/// cannot be combined with dates.</summary>
public sealed class KoreMessageQuery : IKoreQuery<KoreMessageQuery, KoreMessage>
{
    /// <summary>The most messages a getMessages request returns.</summary>
    public const int MaxPageSize = KoreEndpoints.MessagesMaxPageSize;

    /// <summary>The most messages a getMessagesV2 request returns.</summary>
    public const int MaxPageSizeV2 = KoreEndpoints.MessagesV2MaxPageSize;

    private int? pageSize;

    /// <summary>Only these sessions' messages.</summary>
    public IReadOnlyList<string>? SessionIds { get; set; }

    /// <summary>Only this user's messages.</summary>
    public string? UserId { get; set; }

    /// <summary>The range's start (inclusive).</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>The range's end (exclusive); now when null.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>
    /// One of KoreChannelTypes.All (any case). Without a channel, nothing is sent: POST getMessages then returns every
    /// channel (kore-api.md), though a platform may default to rtm as GET does. Sessions piped through
    /// KoreSessionBatcher, or looked up by id, are read with their own channel.
    /// </summary>
    public string? ChannelType { get; set; }

    /// <summary>Several channels (each one of KoreChannelTypes.All): the API takes one channelType a request, so each
    /// channel is read in turn, window by window. Not with ChannelType.</summary>
    public IReadOnlyList<string>? ChannelTypes { get; set; }

    /// <summary>Only messages of this IVR instance.</summary>
    public string? IvrInstanceId { get; set; }

    /// <summary>Reads around this message (see <see cref="Direction"/>); not with From or To.</summary>
    public string? MessageId { get; set; }

    /// <summary>Which side of <see cref="MessageId"/> to read.</summary>
    public KoreDirection? Direction { get; set; }

    /// <summary>Oldest messages first rather than newest first.</summary>
    public bool OldestFirst { get; set; }

    /// <summary>Asks for traceId on incoming messages (Kore keeps traces for 30 days).</summary>
    public bool IncludeTraceId { get; set; }

    /// <summary>Only messages whose tags match.</summary>
    public KoreTagFilter? Tags { get; set; }

    /// <summary>Messages a request asks for; by default the maximum of the API used (100, or 10,000 with UseMessagesV2).</summary>
    public int PageSize
    {
        get => pageSize ?? Endpoint.DefaultPageSize;
        set => pageSize = value;
    }

    /// <summary>
    /// Reads through getMessagesV2 (bot routes only): up to 10,000 messages a request, so a bulk export needs a
    /// hundredth of the requests, but the API leaves out Alert and Action task messages there.
    /// </summary>
    public bool UseMessagesV2 { get; set; }

    /// <summary>Overrides the connection's bot (admin-console connections name the bot per query).</summary>
    public string? BotId { get; set; }

    // Set by KoreSessionBatcher: From/To already span exactly these sessions, so they need no look-up.
    internal bool SpansKnown { get; set; }

    // Set by KoreSessionBatcher for a batch of ivr sessions read without a channel: ids that return nothing are read
    // again with channelType "ivr" (a platform whose getMessages defaults to rtm returns nothing for them otherwise).
    internal bool IvrAgainIfEmpty { get; set; }

    // The endpoint this query reads through (one of KoreEndpoints.OfMessages).
    internal KoreEndpoint<KoreMessage> Endpoint => UseMessagesV2 ? KoreEndpoints.MessagesV2 : KoreEndpoints.Messages;

    KoreEndpoint<KoreMessage> IKoreQuery<KoreMessageQuery, KoreMessage>.Endpoint => Endpoint;

    /// <summary>Checks the query as a read would; throws <see cref="KoreValidationException"/> naming the property at fault.</summary>
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

    /// <summary>A copy of the query (its lists shared, not copied).</summary>
    public KoreMessageQuery Clone() => (KoreMessageQuery)MemberwiseClone();

    // The channels to read, in the API's spelling, each asked for on its own; [null] when no channel is sent.
    internal IReadOnlyList<string?> Channels() =>
        (ChannelTypes ?? (ChannelType is null ? null : [ChannelType]))?.Select(c => KoreChannelTypes.Canonical(c)).Distinct(StringComparer.Ordinal).ToList()
        ?? [null];
}

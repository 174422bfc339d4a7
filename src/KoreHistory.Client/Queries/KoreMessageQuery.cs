namespace KoreHistory.Client;

// getMessages (POST). MessageId + Direction reads around one message and cannot be combined with dates.
public sealed class KoreMessageQuery
{
    public const int MaxPageSize = 100;

    public IReadOnlyList<string>? SessionIds { get; set; }

    public string? UserId { get; set; }

    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    // One of KoreChannelTypes.All (any case); the API's default is rtm.
    public string? ChannelType { get; set; }

    public string? IvrInstanceId { get; set; }

    public string? MessageId { get; set; }

    public KoreDirection? Direction { get; set; }

    public bool OldestFirst { get; set; }

    public KoreTagFilter? Tags { get; set; }

    public int PageSize { get; set; } = MaxPageSize;

    public string? BotId { get; set; }

    public void Validate()
    {
        QueryRules.SessionIds(SessionIds);
        QueryRules.OptionalId(UserId, nameof(UserId));
        QueryRules.OptionalId(BotId, nameof(BotId));
        QueryRules.OptionalId(MessageId, nameof(MessageId));
        QueryRules.Range(From, To);
        QueryRules.PageSize(PageSize, MaxPageSize);
        QueryRules.Tags(Tags);
        if (IvrInstanceId is not null && string.IsNullOrWhiteSpace(IvrInstanceId))
        {
            throw new KoreValidationException("IvrInstanceId must not be empty.", nameof(IvrInstanceId));
        }

        if (ChannelType is not null && KoreChannelTypes.Canonical(ChannelType) is null)
        {
            throw new KoreValidationException(
                $"ChannelType has the unknown value '{ChannelType}'; valid values: {string.Join(", ", KoreChannelTypes.All)}.",
                nameof(ChannelType));
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
}

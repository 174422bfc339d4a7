namespace KoreHistory.Client;

// getSessions. SessionIds is exclusive: the API ignores every other filter when ids are given,
// so combining them is refused rather than silently dropped.
public sealed class KoreSessionQuery : IKoreQuery<KoreSessionQuery, KoreSession>
{
    public const int MaxPageSize = KoreEndpoints.SessionsMaxPageSize;

    public string? UserId { get; set; }

    public DateTimeOffset? From { get; set; }

    public DateTimeOffset? To { get; set; }

    public KoreSessionType? SessionType { get; set; }

    public KoreContainmentType? ContainmentType { get; set; }

    public IReadOnlyList<string>? SessionIds { get; set; }

    public KoreTagFilter? Tags { get; set; }

    public int PageSize { get; set; } = KoreEndpoints.Sessions.DefaultPageSize;

    // Overrides the connection's bot (admin-console connections name the bot per query).
    public string? BotId { get; set; }

    public void Validate()
    {
        QueryRules.OptionalId(UserId, nameof(UserId));
        QueryRules.OptionalBotId(BotId, nameof(BotId));
        QueryRules.Range(From, To);
        KoreEndpoints.Sessions.CheckPageSize(PageSize, []);
        if (SessionType is { } sessionType)
        {
            QueryRules.Defined(sessionType, nameof(SessionType));
        }

        if (ContainmentType is { } containmentType)
        {
            QueryRules.Defined(containmentType, nameof(ContainmentType));
        }

        QueryRules.Tags(Tags);
        QueryRules.SessionIds(SessionIds);
        if (SessionIds is not null)
        {
            var others = new List<string>();
            if (UserId is not null) others.Add(nameof(UserId));
            if (From is not null) others.Add(nameof(From));
            if (To is not null) others.Add(nameof(To));
            if (SessionType is not null) others.Add(nameof(SessionType));
            if (ContainmentType is not null) others.Add(nameof(ContainmentType));
            if (Tags is not null) others.Add(nameof(Tags));
            if (others.Count > 0)
            {
                throw new KoreValidationException(
                    $"SessionIds cannot be combined with {string.Join(", ", others)}: the API ignores every other filter when session ids are given.",
                    nameof(SessionIds));
            }
        }
    }

    public KoreSessionQuery Clone() => (KoreSessionQuery)MemberwiseClone();

    KoreEndpoint<KoreSession> IKoreQuery<KoreSessionQuery, KoreSession>.Endpoint => KoreEndpoints.Sessions;
}

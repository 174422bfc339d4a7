namespace KoreHistory.Client;

/// <summary>
/// getSessions. SessionIds is exclusive: the API ignores every other filter when ids are given,
/// so combining them is refused rather than silently dropped.
/// </summary>
public sealed class KoreSessionQuery : IKoreQuery<KoreSessionQuery, KoreSession>
{
    /// <summary>The most sessions a getSessions request returns.</summary>
    public const int MaxPageSize = KoreEndpoints.SessionsMaxPageSize;

    /// <summary>Only this user's sessions.</summary>
    public string? UserId { get; set; }

    /// <summary>The range's start (inclusive).</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>The range's end (exclusive); now when null.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>Only sessions of this type.</summary>
    public KoreSessionType? SessionType { get; set; }

    /// <summary>Only sessions of this containment type.</summary>
    public KoreContainmentType? ContainmentType { get; set; }

    /// <summary>These sessions, by id; no other filter with them.</summary>
    public IReadOnlyList<string>? SessionIds { get; set; }

    /// <summary>Only sessions whose tags match.</summary>
    public KoreTagFilter? Tags { get; set; }

    /// <summary>Sessions a request asks for (1 to <see cref="MaxPageSize"/>).</summary>
    public int PageSize { get; set; } = KoreEndpoints.Sessions.DefaultPageSize;

    /// <summary>Overrides the connection's bot (admin-console connections name the bot per query).</summary>
    public string? BotId { get; set; }

    /// <summary>Checks the query as a read would; throws <see cref="KoreValidationException"/> naming the property at fault.</summary>
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

    /// <summary>A copy of the query (its lists shared, not copied).</summary>
    public KoreSessionQuery Clone() => (KoreSessionQuery)MemberwiseClone();

    KoreEndpoint<KoreSession> IKoreQuery<KoreSessionQuery, KoreSession>.Endpoint => KoreEndpoints.Sessions;
}

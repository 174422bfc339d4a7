namespace KoreHistory.Emulator;

/// A validated getSessions call.
internal sealed class SessionQuery
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 100;

    public string? UserId { get; private init; }
    public DateWindow Window { get; private init; }
    public PageRequest Page { get; private init; }
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
            Page = Paging.Request(args, DefaultLimit, MaxLimit, platform),
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

namespace KoreHistory.Client;

// Checks shared by the session and message queries; each throws KoreValidationException naming the parameter.
internal static class QueryRules
{
    public const int MaxSessionIdsPerRequest = 50;

    // Each 7 days of a range costs at least one request (60 a minute, 1,800 an hour per bot), so a range of
    // centuries (a typo, or DateTime.MinValue) would spend days of the bot's budget on empty windows.
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(3653);

    public static void Range(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start && to is { } end)
        {
            if (start >= end)
            {
                throw new KoreValidationException(
                    $"From ({Iso(start)}) must be before To ({Iso(end)}).", "From");
            }

            Span(start, end);
        }
    }

    // The range as it will be read, once "now" is known (From alone reads until now).
    public static void Span(DateTimeOffset start, DateTimeOffset end)
    {
        if (end - start > MaxRange)
        {
            throw new KoreValidationException(
                $"The range from {Iso(start)} to {Iso(end)} spans {Math.Floor((end - start).TotalDays):0} days; one read may span at most {MaxRange.TotalDays:0} days (10 years), as every 7 days cost at least one request. Give a later From or an earlier To.",
                "From");
        }
    }

    public static void PageSize(int pageSize, int max)
    {
        if (pageSize < 1 || pageSize > max)
        {
            throw new KoreValidationException(
                $"PageSize must be between 1 and {max}; it was {pageSize}.", "PageSize");
        }
    }

    public static void OptionalId(string? value, string parameterName)
    {
        if (value is not null)
        {
            Id(value, parameterName);
        }
    }

    public static void Id(string value, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new KoreValidationException($"{parameterName} must not be empty.", parameterName);
        }

        foreach (var c in value)
        {
            if (!IsIdCharacter(c))
            {
                throw new KoreValidationException(
                    $"{parameterName} '{Printable(value)}' is malformed: ids contain only letters, digits and - _ . : @ +.",
                    parameterName);
            }
        }

        if (value.Length > 256)
        {
            throw new KoreValidationException($"{parameterName} is malformed: longer than 256 characters.", parameterName);
        }
    }

    public static void SessionIds(IReadOnlyList<string>? ids)
    {
        if (ids is null)
        {
            return;
        }

        if (ids.Count == 0)
        {
            throw new KoreValidationException("SessionIds must contain at least one id when given.", "SessionIds");
        }

        foreach (var id in ids)
        {
            if (id is null)
            {
                throw new KoreValidationException("SessionIds must not contain an empty id.", "SessionIds");
            }

            Id(id, "SessionIds");
        }
    }

    public static void Tags(KoreTagFilter? tags)
    {
        if (tags is null)
        {
            return;
        }

        Defined(tags.Match, "Tags.Match");
        if (tags.Conditions is null || tags.Conditions.Count == 0)
        {
            throw new KoreValidationException("Tags must contain at least one condition.", "Tags");
        }

        foreach (var condition in tags.Conditions)
        {
            if (condition is null || string.IsNullOrWhiteSpace(condition.Name))
            {
                throw new KoreValidationException("Every tag condition needs a name.", "Tags");
            }

            Defined(condition.Type, "Tags.Type");
            if (condition.Values is null || condition.Values.Count == 0 || condition.Values.Any(v => v is null))
            {
                throw new KoreValidationException(
                    $"Tag condition '{condition.Name}' needs at least one value, and no null values.", "Tags");
            }
        }
    }

    public static void Defined<TEnum>(TEnum value, string parameterName)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(typeof(TEnum), value))
        {
            throw new KoreValidationException(
                $"{parameterName} has the unknown value '{value}'; valid values: {string.Join(", ", Enum.GetNames(typeof(TEnum)))}.",
                parameterName);
        }
    }

    // The API's timestamp format, as users see it on KoreUtcTime.
    public static string Iso(DateTimeOffset value) => new KoreUtcTime(value).ToString();

    private static bool IsIdCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':' or '@' or '+';

    private static string Printable(string value)
    {
        var shown = value.Length > 64 ? value.Substring(0, 64) + "…" : value;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}

namespace KoreHistory.Client;

// Checks shared by the session and message queries; each throws KoreValidationException naming the parameter.
internal static class QueryRules
{
    public const int MaxSessionIdsPerRequest = 50;

    // Each 7 days of a range costs at least one request (60 a minute, 1,800 an hour per bot), so a range of
    // centuries (a typo, or DateTime.MinValue) would spend days of the bot's budget on empty windows.
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(3653);

    // No Kore.ai history is older than this; a date before it is a typo (or DateTime.MinValue).
    public static readonly DateTimeOffset EarliestDate = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Dates from here on are past what the windows' arithmetic (and .NET's calendar, which ends with 9999) can hold.
    public static readonly DateTimeOffset EndOfDates = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

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

    // Each date given, within [EarliestDate, EndOfDates).
    public static void Dates(DateTimeOffset? from, DateTimeOffset? to)
    {
        Date(from, "From");
        Date(to, "To");
    }

    public static void OptionalBotId(string? value, string parameterName)
    {
        if (value is not null)
        {
            BotId(value, parameterName);
        }
    }

    // A bot id goes into the request's path (api/public/bot/{id}/…), so it must have the shape Kore.ai gives it
    // (st- and a GUID in its docs' samples, e.g. st-c68c3e8f-c88e-541c-bd3b-a624f3e113f7): "..", "." or a slash
    // would move the request to another route, the admin console's among them.
    public static void BotId(string value, string parameterName)
    {
        Id(value, parameterName);
        if (!value.StartsWith("st-", StringComparison.Ordinal) || value.Length == 3 || value.Skip(3).Any(c => !IsBotIdCharacter(c)))
        {
            throw new KoreValidationException(
                $"{parameterName} '{Printable(value)}' is malformed: a bot id is st- followed by letters, digits, - and _ (as the bot's General Settings page shows it, e.g. st-c68c3e8f-c88e-541c-bd3b-a624f3e113f7).",
                parameterName);
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

    private static void Date(DateTimeOffset? value, string parameterName)
    {
        if (value is { } date && (date < EarliestDate || date >= EndOfDates))
        {
            throw new KoreValidationException(
                $"{parameterName} ({Iso(date)}) is out of range: Kore.ai keeps no history from before {Iso(EarliestDate).Substring(0, 10)}, and dates from year {EndOfDates.Year} on cannot be read. Give a date between {Iso(EarliestDate).Substring(0, 10)} and {Iso(EndOfDates.AddDays(-1)).Substring(0, 10)}.",
                parameterName);
        }
    }

    private static bool IsBotIdCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';

    private static bool IsIdCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':' or '@' or '+';

    private static string Printable(string value)
    {
        var shown = value.Length > 64 ? value.Substring(0, 64) + "…" : value;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}

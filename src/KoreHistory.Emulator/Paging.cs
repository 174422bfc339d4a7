namespace KoreHistory.Emulator;

internal static class Paging
{
    private static long Skip(RequestArgs args)
    {
        var skip = args.Has("skip") ? args.Integer("skip") : args.Integer("offset");
        var name = args.Has("skip") ? "skip" : "offset";
        if (skip is < 0) throw new ApiValidationException($"{name} must be 0 or more");
        return skip ?? 0;
    }

    private static int Limit(RequestArgs args, int defaultLimit, int maxLimit)
    {
        var limit = args.Integer("limit");
        if (limit is null) return defaultLimit;
        if (limit < 1 || limit > maxLimit) throw new ApiValidationException($"limit must be between 1 and {maxLimit}");
        return (int)limit.Value;
    }

    public static PageRequest Request(RequestArgs args, int defaultLimit, int maxLimit, EmulatorPlatform platform)
    {
        var skip = Skip(args);
        var limit = Limit(args, defaultLimit, maxLimit);
        return new PageRequest(skip, limit, platform.LimitCap is { } cap ? Math.Min(limit, cap) : limit);
    }

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

using System.Globalization;

namespace KoreHistory.Client;

// One Kore.ai endpoint as the engine reads it: its name, its routes for bot scope and for admin-console scope, its
// page sizes and its page parser. What the engine does differently per endpoint is read from here; a query's switch
// only chooses which endpoint it reads (KoreMessageQuery.Endpoint). KoreEndpoints holds the instances.
internal sealed class KoreEndpoint<TRecord>
{
    private readonly string botPath;
    private readonly string? adminPath;

    // botPath: the bot route with {0} for the bot id; adminPath: the admin-console route for every bot, null if none.
    // selector: the query property that chooses this endpoint, null for the one a query reads by default.
    public KoreEndpoint(string name, string botPath, string? adminPath, int maxPageSize, int defaultPageSize, string? selector, Func<byte[], int, Page<TRecord>> parse)
    {
        Name = name;
        this.botPath = botPath;
        this.adminPath = adminPath;
        MaxPageSize = maxPageSize;
        DefaultPageSize = defaultPageSize;
        Selector = selector;
        Parse = parse;
    }

    // As Kore.ai calls it (the last part of its path), the name messages give.
    public string Name { get; }

    public int MaxPageSize { get; }

    // The page size a query asks for unless it says otherwise.
    public int DefaultPageSize { get; }

    public string? Selector { get; }

    // A page body (its first `length` bytes) into records.
    public Func<byte[], int, Page<TRecord>> Parse { get; }

    public bool HasAdminRoute => adminPath is not null;

    // The path a read of `bot` takes; without a bot, the admin-console route over every bot (CheckScope refuses a
    // read that has none first).
    public string PathFor(string? bot) =>
        bot is null
            ? adminPath ?? throw new InvalidOperationException($"{Name} has no admin-console route.")
            : string.Format(CultureInfo.InvariantCulture, botPath, Uri.EscapeDataString(bot));

    // Before any request: a read without a bot needs the admin-console route.
    public void CheckScope(string? bot)
    {
        if (bot is not null || HasAdminRoute)
        {
            return;
        }

        throw Selector is null
            ? new KoreValidationException($"{Name} reads one bot: it has no admin-console route. Give a bot id (BotId).", "BotId")
            : new KoreValidationException(
                $"{Selector} reads one bot: {Name} has no admin-console route. Give a bot id (BotId) or read without {Selector}.",
                Selector);
    }

    // A page size within 1..MaxPageSize; past it, when one of `alternatives` (the other endpoints the query can choose)
    // would take it, the refusal says how to choose that one.
    public void CheckPageSize(int pageSize, IEnumerable<KoreEndpoint<TRecord>> alternatives)
    {
        if (pageSize >= 1 && pageSize <= MaxPageSize)
        {
            return;
        }

        var larger = pageSize > MaxPageSize
            ? alternatives.FirstOrDefault(e => e != this && e.Selector is not null && pageSize <= e.MaxPageSize)
            : null;
        throw new KoreValidationException(
            larger is null
                ? $"PageSize must be between 1 and {MaxPageSize}; it was {pageSize}."
                : $"PageSize must be between 1 and {MaxPageSize} for {Name}; it was {pageSize}. Set {larger.Selector} to read up to {larger.MaxPageSize} a request through {larger.Name}.",
            "PageSize");
    }

    public override string ToString() => Name;
}

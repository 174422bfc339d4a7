namespace KoreHistory.Client.Tests.Hostile;

// Messages served the way platform variants the docs leave open might serve them (issue 11): dateTo inclusive
// (a record exactly on the seam of two windows comes back in both), and `limit` capped silently with moreAvailable
// computed from the limit asked for (so a page says false while skip + returned < total). Newest first; honours
// dateFrom/dateTo and skip.
public sealed class PlatformVariantServer
{
    private readonly IReadOnlyList<HostileMessage> newestFirst;
    private readonly bool inclusiveDateTo;
    private readonly int? limitCap;

    public PlatformVariantServer(IEnumerable<HostileMessage> messages, bool inclusiveDateTo = false, int? limitCap = null)
    {
        newestFirst = messages.OrderByDescending(m => m.Time).ToList();
        this.inclusiveDateTo = inclusiveDateTo;
        this.limitCap = limitCap;
    }

    public Task RespondAsync(HostileExchange exchange)
    {
        var ask = HostilePages.AskOf(exchange.Request);
        var inWindow = newestFirst
            .Where(m => (ask.From is null || m.Time >= ask.From) && (ask.To is null || m.Time < ask.To || (inclusiveDateTo && m.Time == ask.To)))
            .ToList();
        var served = limitCap is { } cap ? Math.Min(cap, ask.Limit) : ask.Limit;
        var page = inWindow.Skip(ask.Skip).Take(served).ToList();
        var more = ask.Skip + ask.Limit < inWindow.Count;
        return exchange.SendJsonAsync(200, HostilePages.Messages(inWindow.Count, more, page));
    }
}

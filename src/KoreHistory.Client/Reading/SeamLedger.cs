namespace KoreHistory.Client;

// The records a read has handed over near the edges of their windows, by edge. Whether dateTo is inclusive is not
// documented (kore-api-sources.md, "Dates": UNCONFIRMED), so a record exactly on the seam of two consecutive windows
// may come back in both; one whose time is that close to an edge is checked here by id. Only records within
// SeriesLedger.Band of an edge are remembered: a handful per edge, whatever the size of the export.
internal sealed class SeamLedger
{
    private readonly Dictionary<DateTimeOffset, HashSet<string>> idsByEdge = [];

    public bool HandedOver(DateWindow? window, string id, DateTimeOffset time)
    {
        if (window is not { } edges)
        {
            return false;
        }

        return (Near(edges.From, time) && idsByEdge.TryGetValue(edges.From, out var atFrom) && atFrom.Contains(id))
            || (Near(edges.To, time) && idsByEdge.TryGetValue(edges.To, out var atTo) && atTo.Contains(id));
    }

    public void Record(DateWindow? window, string id, DateTimeOffset time)
    {
        if (window is not { } edges)
        {
            return;
        }

        RecordAt(edges.From, id, time);
        RecordAt(edges.To, id, time);
    }

    private void RecordAt(DateTimeOffset edge, string id, DateTimeOffset time)
    {
        if (!Near(edge, time))
        {
            return;
        }

        if (!idsByEdge.TryGetValue(edge, out var ids))
        {
            idsByEdge[edge] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        ids.Add(id);
    }

    private static bool Near(DateTimeOffset edge, DateTimeOffset time) => (time - edge).Duration() <= SeriesLedger.Band;
}

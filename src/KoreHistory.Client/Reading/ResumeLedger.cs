namespace KoreHistory.Client;

// What a resumable read has handed over near its frontier, and the checkpoint that follows from it. Records come in
// time order (give or take the few milliseconds between a message's timestampValue and the createdOn the API sorts
// by, far less than SeriesLedger.Band), so a checkpoint keeps every record before its Through implicitly and the ids
// after it explicitly: the ids of the records within Band of the frontier, a handful whatever the size of the read.
internal sealed class ResumeLedger<T>
{
    private readonly RecordKeys<T> keys;
    private readonly DateTime start;
    private readonly Dictionary<string, DateTime> nearFrontier = new(StringComparer.Ordinal);
    private DateTime? frontier;

    public ResumeLedger(RecordKeys<T> keys, DateTime start, KoreReadCheckpoint? resumed)
    {
        this.keys = keys;
        this.start = start;
        frontier = resumed?.LastRecordTime;

        // Their own times are not kept in the token; each is at most the frontier, so it is remembered until the
        // checkpoint passes that.
        var upperBound = resumed?.LastRecordTime ?? start;
        foreach (var id in resumed?.HandedOverIds ?? [])
        {
            nearFrontier[id] = upperBound;
        }
    }

    // The records of the page not handed over before, in order; they count as handed over from now on.
    public IReadOnlyList<T> Admit(IReadOnlyList<T> items)
    {
        var fresh = new List<T>(items.Count);
        foreach (var item in items)
        {
            var id = keys.IdOf(item);
            if (nearFrontier.ContainsKey(id))
            {
                continue;
            }

            // A record placed before the frontier it arrived at (a skewed or missing time) is remembered as if at the
            // frontier: the API sorted it there, so a read resumed Band before the frontier can meet it again.
            var time = keys.TimeOf(item).UtcDateTime;
            nearFrontier[id] = Max(time, frontier ?? start);
            frontier = frontier is { } edge && edge >= time ? edge : time;
            fresh.Add(item);
        }

        return fresh;
    }

    // Where a read resumed now must start: Band before the frontier (never before where this read started).
    public KoreReadCheckpoint Checkpoint()
    {
        var through = frontier is { } edge ? Max(start, Truncate(edge - SeriesLedger.Band)) : start;
        return Make(through);
    }

    // The read has handed over everything before `to`.
    public KoreReadCheckpoint Completed(DateTime to) => Make(Max(start, to));

    private KoreReadCheckpoint Make(DateTime through)
    {
        foreach (var stale in nearFrontier.Where(entry => entry.Value < through).Select(entry => entry.Key).ToList())
        {
            nearFrontier.Remove(stale);
        }

        return new KoreReadCheckpoint(through, frontier, nearFrontier.Keys);
    }

    private static DateTime Truncate(DateTime time) =>
        time.Ticks < DateTime.MinValue.Ticks + TimeSpan.TicksPerSecond
            ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)
            : new DateTime(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

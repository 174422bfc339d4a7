namespace KoreHistory.Client;

// How a record is placed in its series' order: its time (the field the API sorts and windows by) and its id.
internal sealed class RecordKeys<T>
{
    public RecordKeys(Func<T, DateTimeOffset> timeOf, Func<T, string> idOf)
    {
        TimeOf = timeOf;
        IdOf = idOf;
    }

    public Func<T, DateTimeOffset> TimeOf { get; }

    public Func<T, string> IdOf { get; }
}

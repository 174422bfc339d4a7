namespace KoreHistory.Client;

/// <summary>
/// One page of a resumable read: the records handed over (in order, none handed over before; for sessions a UTC day's
/// worth, possibly none) and the checkpoint a read resumed right after them starts from.
/// </summary>
public sealed class KoreCheckpointedPage<T>
{
    internal KoreCheckpointedPage(IReadOnlyList<T> items, KoreReadCheckpoint checkpoint)
    {
        Items = items;
        Checkpoint = checkpoint;
    }

    /// <summary>The records, oldest first.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Where a read resumed after these records starts.</summary>
    public KoreReadCheckpoint Checkpoint { get; }
}

namespace KoreHistory.Emulator;

/// Compact index entry for one message: 16 bytes, so a million messages cost 16 MB.
internal readonly record struct MessageKey(long TimeMs, int SessionIndex, int Ordinal) : IComparable<MessageKey>
{
    public int CompareTo(MessageKey other)
    {
        var byTime = TimeMs.CompareTo(other.TimeMs);
        if (byTime != 0) return byTime;
        var bySession = SessionIndex.CompareTo(other.SessionIndex);
        return bySession != 0 ? bySession : Ordinal.CompareTo(other.Ordinal);
    }
}

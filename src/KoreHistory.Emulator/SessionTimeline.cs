namespace KoreHistory.Emulator;

/// When a session's generated messages were written. Real tenants do not keep a session's messages inside its
/// start_time–end_time span (README, "Realistic data"): the first message may come a few hundred ms before
/// start_time, a session may end where it starts and then hold a whole conversation, and an idle-timeout message
/// may follow end_time by 15–20 minutes. FirstMs is message 0; the regular messages are spread evenly up to
/// LastRegularMs; IdleTimeoutMs (0: none) is the time of one more, last, bot message.
internal readonly record struct SessionTimeline(long FirstMs, long LastRegularMs, long IdleTimeoutMs)
{
    public bool HasIdleTimeout => IdleTimeoutMs != 0;

    /// The time of generated message `ordinal` of `count`.
    public long TimeOf(int ordinal, int count)
    {
        if (HasIdleTimeout && ordinal == count - 1)
        {
            return IdleTimeoutMs;
        }

        var regular = HasIdleTimeout ? count - 1 : count;
        return regular <= 1 ? FirstMs : FirstMs + ((LastRegularMs - FirstMs) * ordinal / (regular - 1));
    }
}

namespace KoreHistory.Client;

// An exact rolling log of the requests sent for one bot, checked against every window (60/min and
// 1,800/h by default). A slot is reserved before a request is sent and stamped again when its response
// ends: the server counted it at some moment in between, so waiting a full window after the later stamp
// can never overlap the server's count. A slot still in flight counts as stamped now (its response, and so the
// stamp it will get, is still to come), so concurrent requests never let a window free up early.
// The log may be shared with the pacers of other connections (SharedPacingLogs): each pacer checks its own
// windows against every slot of the log.
internal sealed class RollingWindowPacer
{
    // Covers clock granularity and the server rounding its own window edges.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(15);
    private readonly (int Limit, TimeSpan Length)[] windows;
    private readonly PacingLog log;

    // A pacer with a log of its own, on `clock`.
    public RollingWindowPacer(TimeProvider clock, params (int Limit, TimeSpan Length)[] windows)
        : this(new PacingLog(clock), windows)
    {
    }

    public RollingWindowPacer(PacingLog log, params (int Limit, TimeSpan Length)[] windows)
    {
        this.log = log;
        this.windows = windows;
        var longest = windows.Max(w => w.Length);
        lock (log.Gate)
        {
            if (longest > log.Retention)
            {
                log.Retention = longest;
            }
        }
    }

    // onWait hears about each wait of a second or more before it starts (a wait for the hourly budget can be long).
    public async Task<PacingSlot> AcquireAsync(CancellationToken cancellationToken, Action<TimeSpan>? onWait = null)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            lock (log.Gate)
            {
                var now = log.Now;
                wait = WaitBefore(now);
                if (wait <= TimeSpan.Zero)
                {
                    var slot = new PacingSlot(log, now);
                    log.Slots.Add(slot);
                    return slot;
                }
            }

            if (wait >= TimeSpan.FromSeconds(1))
            {
                onWait?.Invoke(wait);
            }

            await log.Clock.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    // How long until one more request fits in every window; zero when it fits now. Called under log.Gate.
    private TimeSpan WaitBefore(TimeSpan now)
    {
        var slots = log.Slots;
        slots.RemoveAll(s => s.Completed && s.Stamp + log.Retention + Margin <= now);
        var wait = TimeSpan.Zero;
        foreach (var (limit, length) in windows)
        {
            // Counted without allocating first: a window with room (the usual case) needs no sorted list.
            var count = 0;
            foreach (var slot in slots)
            {
                if (EffectiveStamp(slot, now) + length + Margin > now)
                {
                    count++;
                }
            }

            if (count < limit)
            {
                continue;
            }

            var inWindow = slots.Select(s => EffectiveStamp(s, now)).Where(t => t + length + Margin > now).OrderBy(t => t).ToList();
            if (inWindow.Count >= limit)
            {
                // The window frees a place when the oldest entries that keep it full fall out of it.
                var freesAt = inWindow[inWindow.Count - limit] + length + Margin;
                if (freesAt - now > wait)
                {
                    wait = freesAt - now;
                }
            }
        }

        return wait;
    }

    // A slot still in flight will be stamped when its response ends: no earlier than now.
    private static TimeSpan EffectiveStamp(PacingSlot slot, TimeSpan now) => slot.Completed || slot.Stamp > now ? slot.Stamp : now;
}

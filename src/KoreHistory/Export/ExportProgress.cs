using System.Globalization;
using KoreHistory.Client;
using KoreHistory.Reading;

namespace KoreHistory.Export;

/// What the progress bar of one bot's export says: the read it is in, how far it stands, what it cost, a running
/// wait, and the time the rest takes at the bot's rate limit (the requests left, estimated from the requests the read
/// has needed per hour of history so far, through RateLimitEta). Pure state, on the pipeline thread.
internal sealed class ExportProgress
{
    private readonly string botId;
    private readonly int perMinute;
    private readonly TimeSpan minuteWindow;
    private readonly int perHour;
    private readonly TimeSpan hourWindow;
    private readonly Queue<DateTime> sent = new();
    private ExportPosition? position;
    private DateTime waitEnds;
    private string? waitReason;

    public ExportProgress(string botId, int perMinute, TimeSpan minuteWindow, int perHour, TimeSpan hourWindow)
    {
        this.botId = botId;
        this.perMinute = perMinute;
        this.minuteWindow = minuteWindow;
        this.perHour = perHour;
        this.hourWindow = hourWindow;
    }

    public void RequestSent(DateTime now) => sent.Enqueue(now);

    public void Committed(ExportPosition at) => position = at;

    public void WaitStarted(KoreWait wait, DateTime now)
    {
        if (wait.Delay >= TimeSpan.FromSeconds(1))
        {
            (waitEnds, waitReason) = (now + wait.Delay, wait.Reason);
        }
    }

    /// The requests still to send, estimated; null while the messages read has not shown its pace.
    public long? RequestsLeft()
    {
        if (position is not { Phase: "messages" } at || at.Through <= at.Start || at.PhaseRequests == 0)
        {
            return null;
        }

        var perHistoryHour = at.PhaseRequests / (at.Through - at.Start).TotalHours;
        return (long)Math.Ceiling(perHistoryHour * Math.Max(0, (at.To - at.Through).TotalHours));
    }

    public ProgressSnapshot Snapshot(DateTime now)
    {
        while (sent.Count > 0 && now - sent.Peek() > hourWindow)
        {
            sent.Dequeue();
        }

        string status;
        int? percent = null;
        int? seconds = null;
        if (position is not { } at)
        {
            status = $"{botId}: starting";
        }
        else
        {
            var done = at.To > at.Start ? Math.Max(0, Math.Min(1, (at.Through - at.Start).TotalSeconds / (at.To - at.Start).TotalSeconds)) : 1;
            percent = (int)(at.Phase == "sessions" ? done * 5 : 5 + (done * 95));
            status = FormattableString.Invariant(
                $"{botId}: {at.Phase} through {at.Through:yyyy-MM-dd HH:mm} of {at.To:yyyy-MM-dd HH:mm} UTC · {at.Sessions:N0} sessions · {at.Messages:N0} messages · {at.Requests:N0} requests");
            if (RequestsLeft() is { } left)
            {
                var eta = RateLimitEta.Of(left, perMinute, minuteWindow, perHour, hourWindow, sent.Count);
                seconds = (int)Math.Min(int.MaxValue, Math.Ceiling(eta.TotalSeconds));
                status += string.Format(CultureInfo.InvariantCulture, " · about {0:N0} requests left", left);
            }
        }

        if (waitReason is not null && now < waitEnds)
        {
            status = FormattableString.Invariant($"Waiting {Math.Ceiling((waitEnds - now).TotalSeconds)} s: {waitReason} · {status}");
        }

        return new ProgressSnapshot(status, percent, seconds);
    }
}

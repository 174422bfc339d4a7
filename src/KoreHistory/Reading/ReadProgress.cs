using KoreHistory.Client;

namespace KoreHistory.Reading;

/// What the progress bar of one Get-KoreSession or Get-KoreMessage command says, over every read it makes (a piped
/// export is one read per batch of sessions): items written, requests sent, sessions piped and done, the current
/// read's total, and a wait while one runs. Pure state; the cmdlet turns a snapshot into a ProgressRecord.
internal sealed class ReadProgress
{
    public static readonly TimeSpan MinimumShownWait = TimeSpan.FromSeconds(1);
    private readonly string noun;
    private DateTime waitEnds;
    private string? waitReason;

    /// noun: what is counted, plural ("messages", "sessions").
    public ReadProgress(string noun)
    {
        this.noun = noun;
    }

    public long Written { get; private set; }

    public int Requests { get; private set; }

    /// Session ids piped in so far, and those whose messages are all written.
    public int SessionsPiped { get; private set; }

    public int SessionsDone { get; private set; }

    public void ItemWritten() => Written++;

    public void ItemsWritten(int count) => Written += count;

    public void RequestEnded() => Requests++;

    public void SessionsReceived(int count) => SessionsPiped += count;

    public void SessionsRead(int count) => SessionsDone = Math.Min(SessionsPiped, SessionsDone + count);

    /// Waits under a second pass unnoticed; a longer one shows, counting down, until it ends.
    public void WaitStarted(KoreWait wait, DateTime now)
    {
        if (wait.Delay < MinimumShownWait)
        {
            return;
        }
        waitEnds = now + wait.Delay;
        waitReason = wait.Reason;
    }

    /// Whether a wait is still running at now (a finished one is forgotten).
    public bool IsWaiting(DateTime now)
    {
        if (waitReason is not null && now >= waitEnds)
        {
            waitReason = null;
        }
        return waitReason is not null;
    }

    /// The status line, with a percentage when the whole is known. total: the current read's total, if known.
    public ProgressSnapshot Snapshot(DateTime now, long? total)
    {
        var counts = SessionsPiped > 0
            ? FormattableString.Invariant($"{SessionsDone:N0} of {SessionsPiped:N0} sessions piped so far · {Written:N0} {noun} · {Requests:N0} {Plural(Requests, "request")}")
            : total is > 0
                ? FormattableString.Invariant($"{Written:N0} of {total.Value:N0} {noun} · {Requests:N0} {Plural(Requests, "request")}")
                : FormattableString.Invariant($"{Written:N0} {noun} · {Requests:N0} {Plural(Requests, "request")}");
        int? percent = SessionsPiped > 0 ? SessionsDone * 100 / SessionsPiped
            : total is > 0 ? (int)Math.Min(100, Written * 100 / total.Value)
            : null;
        if (!IsWaiting(now))
        {
            return new ProgressSnapshot(counts, percent, null);
        }
        var seconds = (int)Math.Ceiling((waitEnds - now).TotalSeconds);
        return new ProgressSnapshot(FormattableString.Invariant($"Waiting {seconds} s: {waitReason} · {counts}"), percent, seconds);
    }

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}

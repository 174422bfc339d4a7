namespace KoreHistory.Client;

// A session id with the time span it covers, as piped from Get-KoreSession (Start/End may be unknown).
public sealed class KoreSessionSpan
{
    public KoreSessionSpan(string sessionId, DateTimeOffset? start = null, DateTimeOffset? end = null)
    {
        SessionId = sessionId;
        Start = start;
        End = end;
    }

    public string SessionId { get; }

    public DateTimeOffset? Start { get; }

    public DateTimeOffset? End { get; }

    public override string ToString() => $"{SessionId} [{Start:o} .. {End:o}]";
}

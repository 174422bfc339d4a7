namespace KoreHistory.Client;

/// <summary>A session id with the time span it covers and its channel, as piped from Get-KoreSession (each may be unknown).</summary>
public sealed class KoreSessionSpan
{
    /// <param name="sessionId">The session's id.</param>
    /// <param name="start">Its start_time, or null when unknown.</param>
    /// <param name="end">Its end_time, or null for an open session or when unknown.</param>
    /// <param name="channel">Its channel (the API's spelling), or null when unknown; a batch is read with it, so
    /// the read is right whether or not the platform's getMessages defaults to rtm.</param>
    public KoreSessionSpan(string sessionId, DateTimeOffset? start = null, DateTimeOffset? end = null, string? channel = null)
    {
        SessionId = sessionId;
        Start = start;
        End = end;
        Channel = string.IsNullOrWhiteSpace(channel) ? null : channel;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>The session's start_time, when known.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>The session's end_time, when known.</summary>
    public DateTimeOffset? End { get; }

    /// <summary>The session's channel, when known.</summary>
    public string? Channel { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{SessionId} [{Start:o} .. {End:o}]{(Channel is null ? "" : " " + Channel)}";
}

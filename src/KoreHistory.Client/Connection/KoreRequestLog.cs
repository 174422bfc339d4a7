namespace KoreHistory.Client;

public sealed class KoreRequestLog
{
    public KoreRequestLog(string method, string path, string? body, int? statusCode, TimeSpan elapsed, int attempt, string? failure = null)
    {
        Method = method;
        Path = path;
        Body = body;
        StatusCode = statusCode;
        Elapsed = elapsed;
        Attempt = attempt;
        Failure = failure;
    }

    public string Method { get; }

    // Path and query string, e.g. /api/public/bot/st-1/getMessages.
    public string Path { get; }

    // The JSON request body (it holds no credential: auth travels in a header).
    public string? Body { get; }

    // Null when no response arrived (timeout, dropped connection).
    public int? StatusCode { get; }

    public TimeSpan Elapsed { get; }

    public int Attempt { get; }

    // What went wrong when no status arrived, or the body was unusable.
    public string? Failure { get; }

    public override string ToString()
    {
        var outcome = StatusCode is int status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response";
        if (Failure is not null)
        {
            outcome += $" ({Failure})";
        }

        var body = string.IsNullOrEmpty(Body) ? "" : " " + Body;
        return $"{Method} {Path}{body} → {outcome} in {(long)Elapsed.TotalMilliseconds} ms (attempt {Attempt})";
    }
}

namespace KoreHistory.Client;

/// <summary>One HTTP attempt, as <see cref="KoreReadOptions.OnRequest"/> hears of it.</summary>
public sealed class KoreRequestLog
{
    /// <summary>An attempt's record.</summary>
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

    /// <summary>The HTTP method (POST).</summary>
    public string Method { get; }

    /// <summary>Path and query string, e.g. /api/public/bot/st-1/getMessages.</summary>
    public string Path { get; }

    /// <summary>The JSON request body (it holds no credential: auth travels in a header).</summary>
    public string? Body { get; }

    /// <summary>Null when no response arrived (timeout, dropped connection).</summary>
    public int? StatusCode { get; }

    /// <summary>How long the attempt took, from sending to the end of its response.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Which attempt of the request this was (1 for the first).</summary>
    public int Attempt { get; }

    /// <summary>What went wrong when no status arrived, or the body was unusable.</summary>
    public string? Failure { get; }

    /// <summary>One line: method, path, body, outcome, time and attempt.</summary>
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

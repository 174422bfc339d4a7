namespace KoreHistory.Client;

// Base of every error the engine raises. Messages are built from the API's own text and the request's
// method and path only: never from headers or tokens. Control characters and escape sequences a server may have
// put in that text are removed (ServerText), so an error never drives the terminal it is shown on.
public abstract class KoreException : Exception
{
    protected KoreException(string message, KoreErrorDetails? details, Exception? innerException)
        : base(ServerText.Printable(message), innerException)
    {
        StatusCode = details?.StatusCode;
        KoreCode = details?.KoreCode;
        ApiMessage = details?.ApiMessage is { } apiMessage ? ServerText.Printable(apiMessage) : null;
        Method = details?.Method;
        Path = details?.Path;
    }

    public int? StatusCode { get; }

    public int? KoreCode { get; }

    public string? ApiMessage { get; }

    public string? Method { get; }

    public string? Path { get; }

    internal static string Describe(string summary, KoreErrorDetails? details)
    {
        if (details is null)
        {
            return summary;
        }

        var text = summary;
        if (details.StatusCode is int status)
        {
            text += $" HTTP {status}";
            if (details.KoreCode is int code)
            {
                text += $", Kore code {code}";
            }

            text += ".";
        }

        if (!string.IsNullOrEmpty(details.ApiMessage))
        {
            text += $" The API said: \"{details.ApiMessage}\".";
        }

        if (details.Method is not null)
        {
            text += $" Request: {details.Method} {details.Path}.";
        }

        return text;
    }
}

// What the engine knows about a failed request; shared by the exception types.
public sealed class KoreErrorDetails
{
    public KoreErrorDetails(int? statusCode, int? koreCode, string? apiMessage, string? method, string? path)
    {
        StatusCode = statusCode;
        KoreCode = koreCode;
        ApiMessage = apiMessage;
        Method = method;
        Path = path;
    }

    public int? StatusCode { get; }

    public int? KoreCode { get; }

    public string? ApiMessage { get; }

    public string? Method { get; }

    public string? Path { get; }
}

// 401/403 from the API (bad credentials, missing scope, JTI replay) or an expired ready-made token.
public sealed class KoreAuthenticationException : KoreException
{
    public KoreAuthenticationException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}

// Bad input caught before any request (StatusCode null) or the server's 412 "Invalid arguments".
public sealed class KoreValidationException : KoreException
{
    public KoreValidationException(string message, string? parameterName = null, KoreErrorDetails? details = null)
        : base(Describe(message, details), details, null)
    {
        ParameterName = parameterName;
    }

    public string? ParameterName { get; }
}

// The API kept answering "rate limit reached" until the retry budget ran out.
public sealed class KoreRateLimitException : KoreException
{
    public KoreRateLimitException(string message, KoreErrorDetails? details = null, TimeSpan? retryAfter = null)
        : base(Describe(message, details), details, null)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan? RetryAfter { get; }
}

// Timeouts, dropped connections, and 5xx answers that outlived the retries.
public sealed class KoreTransportException : KoreException
{
    public KoreTransportException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}

// A body that is not the JSON the API documents: an HTML page, a truncated document, a wrong shape.
public sealed class KoreResponseException : KoreException
{
    public KoreResponseException(string message, KoreErrorDetails? details = null, Exception? innerException = null)
        : base(Describe(message, details), details, innerException)
    {
    }
}

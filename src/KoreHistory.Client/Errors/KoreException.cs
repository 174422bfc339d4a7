namespace KoreHistory.Client;

/// <summary>
/// Base of every error the engine raises. Messages are built from the API's own text and the request's
/// method and path only: never from headers or tokens. Control characters and escape sequences a server may have
/// put in that text are removed (ServerText), so an error never drives the terminal it is shown on.
/// </summary>
public abstract class KoreException : Exception
{
    /// <summary>An error with a printable message and what is known of the request.</summary>
    protected KoreException(string message, KoreErrorDetails? details, Exception? innerException)
        : base(ServerText.Printable(message), innerException)
    {
        StatusCode = details?.StatusCode;
        KoreCode = details?.KoreCode;
        ApiMessage = details?.ApiMessage is { } apiMessage ? ServerText.Printable(apiMessage) : null;
        Method = details?.Method;
        Path = details?.Path;
    }

    /// <summary>The HTTP status; null when no response arrived or nothing was sent.</summary>
    public int? StatusCode { get; }

    /// <summary>The code in the API's {"errors":[…]} body, when it gave one.</summary>
    public int? KoreCode { get; }

    /// <summary>The message in the API's {"errors":[…]} body (control characters removed), when it gave one.</summary>
    public string? ApiMessage { get; }

    /// <summary>The request's HTTP method; null when the error arose before any request.</summary>
    public string? Method { get; }

    /// <summary>The request's path and query; null when the error arose before any request.</summary>
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

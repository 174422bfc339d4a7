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

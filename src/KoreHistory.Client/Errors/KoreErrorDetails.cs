namespace KoreHistory.Client;

/// <summary>What the engine knows about a failed request; shared by the exception types.</summary>
public sealed class KoreErrorDetails
{
    /// <summary>What is known of a failed request.</summary>
    public KoreErrorDetails(int? statusCode, int? koreCode, string? apiMessage, string? method, string? path)
    {
        StatusCode = statusCode;
        KoreCode = koreCode;
        ApiMessage = apiMessage;
        Method = method;
        Path = path;
    }

    /// <summary>The HTTP status; null when no response arrived or nothing was sent.</summary>
    public int? StatusCode { get; }

    /// <summary>The code in the API's {"errors":[…]} body, when it gave one.</summary>
    public int? KoreCode { get; }

    /// <summary>The message in the API's {"errors":[…]} body, when it gave one.</summary>
    public string? ApiMessage { get; }

    /// <summary>The request's HTTP method; null when the error arose before any request.</summary>
    public string? Method { get; }

    /// <summary>The request's path and query; null when the error arose before any request.</summary>
    public string? Path { get; }
}

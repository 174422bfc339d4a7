namespace KoreHistory.Client;

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

namespace KoreHistory.Emulator;

public enum FaultKind
{
    ServerError500,
    BadGateway502,
    ServiceUnavailable503,
    GatewayTimeout504,
    TooManyRequestsRetryAfterSeconds,
    TooManyRequestsRetryAfterDate,
    TooManyRequestsNoRetryAfter,
    RateLimitMessageUnderOtherStatus,
    /// Hangs longer than any sane client timeout, until the client aborts or the emulator stops.
    Timeout,
    DropConnection,
    TruncatedBody,
    HtmlPageWith200,
    Unauthorized401,
}

using System.Management.Automation;
using KoreHistory.Client;

namespace KoreHistory;

/// Turns engine exceptions into ErrorRecords: one error id and category per kind of failure a script handles
/// differently. The engine's messages already carry the API's message, code, method and path, and no secret.
internal static class KoreErrors
{
    public const string NotConnectedId = "KoreNotConnected";

    public static ErrorRecord NotConnected() => new(
        new PSInvalidOperationException("There is no Kore.ai connection in this session. Run Connect-KoreBot first, or pass -Connection."),
        NotConnectedId, ErrorCategory.ConnectionError, null)
    {
        ErrorDetails = new ErrorDetails("There is no Kore.ai connection in this session. Run Connect-KoreBot first, or pass -Connection.")
        {
            RecommendedAction = "Run Connect-KoreBot -BotId <bot id> -ClientId <client id> -ClientSecret <secret>, then run this command again.",
        },
    };

    /// An id the API does not know: a non-terminating ObjectNotFound error naming it, as Get-Process -Id writes.
    public static ErrorRecord SessionNotFound(string sessionId) => new(
        new ItemNotFoundException($"Cannot find a Kore.ai session with the id '{sessionId}'."),
        "KoreSessionNotFound", ErrorCategory.ObjectNotFound, sessionId);

    public static ErrorRecord MessageNotFound(string messageId) => new(
        new ItemNotFoundException($"Cannot find a Kore.ai message with the id '{messageId}'."),
        "KoreMessageNotFound", ErrorCategory.ObjectNotFound, messageId);

    public static ErrorRecord From(Exception exception, object? target)
    {
        var (id, category) = exception switch
        {
            KoreAuthenticationException => ("KoreAuthenticationFailed", ErrorCategory.AuthenticationError),
            KoreValidationException { StatusCode: null } => ("KoreInvalidArgument", ErrorCategory.InvalidArgument),
            KoreValidationException => ("KoreRejectedByApi", ErrorCategory.InvalidArgument),
            KoreRateLimitException => ("KoreRateLimitExceeded", ErrorCategory.LimitsExceeded),
            KoreTransportException => ("KoreConnectionFailed", ErrorCategory.ConnectionError),
            KoreResponseException => ("KoreUnexpectedResponse", ErrorCategory.InvalidResult),
            ObjectDisposedException => ("KoreConnectionClosed", ErrorCategory.InvalidOperation),
            ArgumentException => ("KoreInvalidArgument", ErrorCategory.InvalidArgument),
            _ => ("KoreFailed", ErrorCategory.NotSpecified),
        };
        return new ErrorRecord(exception, id, category, target);
    }

    /// These end the command: authentication (every further request would fail the same way), and a read whose
    /// retries ran out (rate limit, transport, unusable responses): going on with the next input would hand a
    /// scheduled export a short result that looks complete. Bad input and the API's 412 for one query do not.
    public static bool IsTerminating(Exception exception) =>
        exception is KoreAuthenticationException or KoreRateLimitException or KoreTransportException
            or KoreResponseException or ObjectDisposedException;
}

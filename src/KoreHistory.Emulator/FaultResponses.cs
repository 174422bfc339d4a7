using System.Globalization;
using System.Text;

namespace KoreHistory.Emulator;

/// What each injected fault looks like on the wire: the shapes a gateway or an overloaded platform produces.
internal static class FaultResponses
{
    public static async Task WriteAsync(HttpContext context, FaultKind kind, CancellationToken stopping)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        switch (kind)
        {
            case FaultKind.ServerError500:
                await new ApiError(500, "Internal Server Error", 500).WriteAsync(response, ct).ConfigureAwait(false);
                break;
            case FaultKind.BadGateway502:
                await HtmlAsync(response, 502, "502 Bad Gateway", ct).ConfigureAwait(false);
                break;
            case FaultKind.ServiceUnavailable503:
                await new ApiError(503, "Service Unavailable", 503).WriteAsync(response, ct).ConfigureAwait(false);
                break;
            case FaultKind.GatewayTimeout504:
                await HtmlAsync(response, 504, "504 Gateway Time-out", ct).ConfigureAwait(false);
                break;
            case FaultKind.TooManyRequestsRetryAfterSeconds:
                response.Headers.RetryAfter = "1";
                await new ApiError(429, ApiError.PerMinuteMessage, 429).WriteAsync(response, ct).ConfigureAwait(false);
                break;
            case FaultKind.TooManyRequestsRetryAfterDate:
                response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R", CultureInfo.InvariantCulture);
                await new ApiError(429, ApiError.PerMinuteMessage, 429).WriteAsync(response, ct).ConfigureAwait(false);
                break;
            case FaultKind.TooManyRequestsNoRetryAfter:
                await new ApiError(429, ApiError.PerMinuteMessage, 429).WriteAsync(response, ct).ConfigureAwait(false);
                break;
            case FaultKind.RateLimitMessageUnderOtherStatus:
                await new ApiError(403, ApiError.PerMinuteMessage, 429).WriteAsync(response, ct).ConfigureAwait(false);
                break;
            case FaultKind.Unauthorized401:
                await ApiError.InvalidToken.WriteAsync(response, ct).ConfigureAwait(false);
                break;
            case FaultKind.HtmlPageWith200:
                await HtmlAsync(response, 200, "Service temporarily unavailable for maintenance", ct).ConfigureAwait(false);
                break;
            case FaultKind.DropConnection:
                context.Abort();
                break;
            case FaultKind.Timeout:
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping))
                {
                    try { await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) { }
                }
                context.Abort();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fault that answers on its own.");
        }
    }

    private static async Task HtmlAsync(HttpResponse response, int status, string title, CancellationToken ct)
    {
        var html = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.StatusCode = status;
        response.ContentType = "text/html";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }
}

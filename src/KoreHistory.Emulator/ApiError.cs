using System.Text.Json;

namespace KoreHistory.Emulator;

/// An error answer in Kore's envelope: {"errors":[{"msg":"…","code":N}]}.
internal sealed record ApiError(int Status, string Message, int Code)
{
    public const string PerMinuteMessage = "You've exceeded the per-minute rate limit. Please wait for sometime before retrying.";
    public const string HourlyMessage = "You've exceeded the hourly rate limit. Please wait for sometime before retrying.";

    public static readonly ApiError InvalidCredentials = new(401, "Invalid SDK credentials", 4002);
    public static readonly ApiError InvalidToken = new(401, "Invalid JWT token", 4002);
    public static readonly ApiError WrongScope = new(401, "Permission denied. Scope is incorrect!", 4002);
    public static readonly ApiError Replay = new(401, "error verifying the jwt: possibly a replay", 401);
    public static readonly ApiError ExpiryTooFar = new(401, "error verifying the jwt: if \"jti\" claim \"exp\" must be <= 1 hour(s)", 401);
    public static readonly ApiError JtiMissing = new(401, "error verifying the jwt: \"jti\" claim is required", 401);
    public static readonly ApiError MethodNotAllowed = new(405, "Method Not Allowed", 405);

    public static ApiError Validation(string detail) => new(412, "Validation errors/ Invalid arguments: " + detail, 412);

    public byte[] Body() => JsonSerializer.SerializeToUtf8Bytes(new { errors = new[] { new { msg = Message, code = Code } } });

    public async Task WriteAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json; charset=utf-8";
        var body = Body();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct).ConfigureAwait(false);
    }
}

using System.Text.Json;

namespace KoreHistory.Client;

// {"errors":[{"msg"|"message": "…", "code": N}]}, read leniently from an error response. A body that is not one
// (an HTML page, a cut-off or malformed body, text that is not UTF-8) gives no message rather than an exception, so
// the status and the path still make a Kore error; a lone surrogate reads as U+FFFD, and control characters are
// removed from the message (ServerText).
internal sealed class KoreErrorBody
{
    private KoreErrorBody(string? message, int? code)
    {
        Message = message is null ? null : ServerText.Printable(message);
        Code = code;
    }

    public string? Message { get; }

    public int? Code { get; }

    // May rewrite lone surrogate escapes in `body` (see JsonRead.RepairLoneSurrogates).
    public static KoreErrorBody Parse(byte[] body)
    {
        try
        {
            JsonRead.RepairLoneSurrogates(body);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                return new KoreErrorBody(Text(first, "msg") ?? Text(first, "message"), CodeOf(first));
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                return new KoreErrorBody(Text(root, "msg") ?? Text(root, "message") ?? Text(root, "error"), CodeOf(root));
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
        }

        return new KoreErrorBody(null, null);
    }

    public static bool SaysRateLimit(string? message) =>
        message is not null && message.IndexOf("rate limit", StringComparison.OrdinalIgnoreCase) >= 0;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? CodeOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("code", out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out var parsed) ? parsed : null;
    }
}

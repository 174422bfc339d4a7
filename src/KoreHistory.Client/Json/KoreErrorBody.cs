using System.Text.Json;

namespace KoreHistory.Client;

// {"errors":[{"msg"|"message": "…", "code": N}]}, read tolerantly from an error response.
internal sealed class KoreErrorBody
{
    private KoreErrorBody(string? message, int? code)
    {
        Message = message;
        Code = code;
    }

    public string? Message { get; }

    public int? Code { get; }

    public static KoreErrorBody Parse(byte[] body)
    {
        try
        {
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
        catch (JsonException)
        {
        }

        return new KoreErrorBody(null, null);
    }

    public static byte[] BodyOf(HttpResponseMessage response) =>
        response.Content is null ? [] : response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();

    public static bool SaysRateLimit(HttpResponseMessage response) => SaysRateLimit(Parse(BodyOf(response)).Message);

    public static bool SaysRateLimit(string? message) =>
        message is not null && message.IndexOf("rate limit", StringComparison.OrdinalIgnoreCase) >= 0;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? CodeOf(JsonElement element)
    {
        if (!element.TryGetProperty("code", out var value))
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

using System.Text.Json;

namespace KoreHistory.Client;

// What a person reads for a component: plain text as is; a bot template (cT "text" whose text is itself
// {"type":"template","payload":…}) as "[template_type template] text"; other content as "[cT] text".
internal static class ReadableText
{
    public static string Of(string contentType, string? data)
    {
        if (data is null)
        {
            return contentType.Length == 0 ? "" : $"[{contentType}]";
        }

        var trimmed = data.TrimStart();
        if (trimmed.StartsWith("{", StringComparison.Ordinal) && TemplateSummary(trimmed) is { } summary)
        {
            return summary;
        }

        return contentType is "text" or "" ? data : $"[{contentType}] {data}";
    }

    private static string? TemplateSummary(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var kind = type.GetString();
            string? templateType = null;
            string? text = null;
            if (root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                templateType = StringProperty(payload, "template_type");
                text = StringProperty(payload, "text") ?? StringProperty(payload, "heading");
            }

            text ??= StringProperty(root, "text");
            var label = templateType is null ? $"[{kind}]" : $"[{templateType} {kind}]";
            return text is null ? label : $"{label} {text}";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

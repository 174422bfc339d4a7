using System.Text.Json;

namespace KoreHistory.Client;

// What a person reads for a component: plain text as is; a bot template (cT "text" whose text is itself
// {"type":"template","payload":…}) as "[template_type template] text"; a voice-gateway (korevg) command
// ({"type":"command","command":"redirect","data":[{"verb":"say","text":…},{"verb":"gather","say":{"text":[…]}}]}, as
// in the sanitised production captures of ken-at-kore/xob-cat) as what the bot said: its say texts and gather prompts,
// one a line, or "[redirect command]" when it says nothing; other content as "[cT] text". The JSON itself stays in
// the component's Data and the message's Raw.
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
            if (kind == "command")
            {
                return CommandSummary(root);
            }

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

    private static string CommandSummary(JsonElement command)
    {
        var said = new List<string>();
        if (command.TryGetProperty("data", out var data))
        {
            foreach (var verb in data.ValueKind == JsonValueKind.Array ? data.EnumerateArray() : Enumerable.Repeat(data, 1))
            {
                if (verb.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var name = StringProperty(verb, "verb");
                if (name == "say" && verb.TryGetProperty("text", out var text))
                {
                    AddTexts(said, text);
                }
                else if (name == "gather" && verb.TryGetProperty("say", out var prompt) && prompt.ValueKind == JsonValueKind.Object
                    && prompt.TryGetProperty("text", out var promptText))
                {
                    AddTexts(said, promptText);
                }
            }
        }

        return said.Count > 0 ? string.Join("\n", said) : $"[{StringProperty(command, "command") ?? "voice"} command]";
    }

    // A say text: a string, or an array of strings (gather prompts in the captures).
    private static void AddTexts(List<string> said, JsonElement text)
    {
        if (text.ValueKind == JsonValueKind.String)
        {
            said.Add(text.GetString()!);
        }
        else if (text.ValueKind == JsonValueKind.Array)
        {
            said.AddRange(text.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

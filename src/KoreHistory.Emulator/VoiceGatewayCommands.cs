using System.Text.Json;
using System.Text.Json.Nodes;

namespace KoreHistory.Emulator;

/// Bot messages of voice-gateway (korevg) sessions as Kore stores them: cT "text" whose data.text is a JSON command,
/// {"type":"command","command":"redirect","data":[verbs…]}, shaped like the sanitised production captures of
/// ken-at-kore/xob-cat (data/kore-api-compsych-swts-2025-08-08.json: "config" + "gather" with say.text as an array
/// for the greeting, "say" with a text string followed by "sip:refer" for a transfer). What the caller heard is
/// returned beside the JSON, as the ground truth of a readable text.
internal static class VoiceGatewayCommands
{
    private static readonly JsonSerializerOptions Writing = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (string Json, string Spoken) Greeting(string text) =>
        Redirect(queue: false, Config(), Gather(new JsonArray(text)));

    /// A prompt that waits for an answer (gather), a plain say, or a transfer to an agent, picked by `roll`.
    public static (string Json, string Spoken) BotTurn(string text, double roll) => roll switch
    {
        < 0.5 => Redirect(queue: false, Gather(new JsonArray(text))),
        < 0.85 => Redirect(queue: true, Say(text)),
        _ => Redirect(queue: true, Say("Please wait"), new JsonObject
        {
            ["verb"] = "sip:refer",
            ["eventHook"] = "/events/transferStatus",
            ["referTo"] = "<sip:agent-queue@pbx.example.invalid:5061>",
            ["headers"] = new JsonObject(),
        }),
    };

    /// A menu prompt whose say.text is a plain string (the captures show both forms).
    public static (string Json, string Spoken) Menu(string text) => Redirect(queue: false, Gather(text));

    public static (string Json, string Spoken) Goodbye(string text) =>
        Redirect(queue: true, Say(text), new JsonObject { ["verb"] = "hangup" });

    private static JsonObject Config() => new()
    {
        ["verb"] = "config",
        ["synthesizer"] = new JsonObject { ["vendor"] = "microsoft", ["voice"] = "en-US-AvaMultilingualNeural", ["language"] = "en-US" },
        ["recognizer"] = new JsonObject { ["vendor"] = "microsoft", ["language"] = "en-US", ["punctuation"] = false },
    };

    private static JsonObject Gather(JsonNode prompt) => new()
    {
        ["verb"] = "gather",
        ["actionHook"] = "/actions/hooks",
        ["input"] = new JsonArray("digits", "speech"),
        ["say"] = new JsonObject { ["text"] = prompt },
        ["bargein"] = false,
        ["timeout"] = 10,
    };

    private static JsonObject Say(string text) => new() { ["verb"] = "say", ["text"] = text };

    private static (string Json, string Spoken) Redirect(bool queue, params JsonObject[] verbs)
    {
        var command = new JsonObject
        {
            ["type"] = "command",
            ["command"] = "redirect",
            ["queueCommand"] = queue,
            ["data"] = new JsonArray(verbs.Cast<JsonNode>().ToArray()),
        };
        var spoken = new List<string>();
        foreach (var verb in verbs)
        {
            var said = verb["verb"]!.GetValue<string>() == "gather" ? verb["say"]!["text"] : verb["text"];
            if (said is JsonArray lines) spoken.AddRange(lines.Select(l => l!.GetValue<string>()));
            else if (said is not null) spoken.Add(said.GetValue<string>());
        }

        return (command.ToJsonString(Writing), string.Join("\n", spoken));
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KoreHistory.Emulator.Tests;

/// One HTTP answer, read completely.
internal sealed record ApiResponse(HttpStatusCode Status, string Body, string? ContentType, string? RetryAfter)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string ErrorMessage => Json.GetProperty("errors")[0].GetProperty("msg").GetString()!;
    public int ErrorCode => Json.GetProperty("errors")[0].GetProperty("code").GetInt32();

    public List<string> Ids(string arrayName, string idName) =>
        Json.GetProperty(arrayName).EnumerateArray().Select(e => e.GetProperty(idName).GetString()!).ToList();

    public long Total => Json.GetProperty("total").GetInt64();
    public bool MoreAvailable => Json.GetProperty("moreAvailable").GetBoolean();
}

/// A plain HttpClient speaking to one emulator, as any client of the real API would.
internal sealed class Api : IDisposable
{
    private readonly HttpClient http;
    private readonly EmulatorServer server;

    public Api(EmulatorServer server, TimeSpan? timeout = null)
    {
        this.server = server;
        http = new HttpClient { BaseAddress = server.BaseUri, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public string BotId => server.Options.BotId;
    public string SessionsPath => $"/api/public/bot/{BotId}/getSessions";
    public string MessagesPath => $"/api/public/bot/{BotId}/getMessages";
    public string MessagesV2Path => $"/api/public/bot/{BotId}/getMessagesV2";

    public Task<ApiResponse> Sessions(object? body, string? token = null, string query = "") =>
        Send(HttpMethod.Post, SessionsPath + query, body, token ?? Tokens.Demo(server));

    public Task<ApiResponse> Messages(object? body, string? token = null) =>
        Send(HttpMethod.Post, MessagesPath, body, token ?? Tokens.Demo(server));

    public Task<ApiResponse> MessagesGet(string query, string? token = null) =>
        Send(HttpMethod.Get, MessagesPath + query, null, token ?? Tokens.Demo(server));

    public Task<ApiResponse> MessagesV2(object? body, string? token = null) =>
        Send(HttpMethod.Post, MessagesV2Path, body, token ?? Tokens.Demo(server));

    /// body: null (no body), a string (sent as is) or an object (serialised as JSON).
    public async Task<ApiResponse> Send(HttpMethod method, string path, object? body, string? token, string header = "auth")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.TryAddWithoutValidation(header, token);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, content, response.Content.Headers.ContentType?.MediaType,
            response.Headers.RetryAfter?.ToString());
    }

    public HttpClient Http => http;

    public void Dispose() => http.Dispose();
}

internal static class Json
{
    /// Builds a JSON object from name/value pairs (values may be JsonNode, string, number, bool, arrays).
    public static JsonObject Body(params (string Name, object? Value)[] pairs)
    {
        var o = new JsonObject();
        foreach (var (name, value) in pairs) o[name] = value is null ? null : JsonSerializer.SerializeToNode(value);
        return o;
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

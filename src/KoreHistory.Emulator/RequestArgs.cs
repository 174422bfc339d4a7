using System.Globalization;
using System.Text.Json;

namespace KoreHistory.Emulator;

/// The arguments of one call: the JSON body of a POST (an object, or empty), with the query string as a fallback
/// (GET has only the query string). Values are checked for type here; meaning is checked by the query parsers.
internal sealed class RequestArgs
{
    private readonly JsonElement? body;
    private readonly IQueryCollection query;

    private RequestArgs(JsonElement? body, IQueryCollection query)
    {
        this.body = body;
        this.query = query;
    }

    public static async Task<RequestArgs> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(request.Method)) return new RequestArgs(null, request.Query);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text)) return new RequestArgs(null, request.Query);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { throw new ApiValidationException("the request body is not valid JSON", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ApiValidationException("the request body must be a JSON object");
            return new RequestArgs(doc.RootElement.Clone(), request.Query);
        }
    }

    public bool Has(string name) => Body(name) is not null || query.ContainsKey(name);

    private JsonElement? Body(string name) =>
        body is { } b && b.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public string? String(string name)
    {
        if (Body(name) is { } v)
            return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new ApiValidationException($"{name} must be a string");
        return query.TryGetValue(name, out var q) ? q.ToString() : null;
    }

    public long? Integer(string name)
    {
        if (Body(name) is { } v)
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
            if (v.ValueKind == JsonValueKind.String) return ParseInteger(name, v.GetString()!);
            throw new ApiValidationException($"{name} must be an integer");
        }
        return query.TryGetValue(name, out var q) ? ParseInteger(name, q.ToString()) : null;
    }

    private static long ParseInteger(string name, string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ApiValidationException($"{name} must be an integer");

    /// A boolean, or the strings "true"/"false" that some clients send.
    public bool? Boolean(string name)
    {
        if (Body(name) is { } v)
        {
            return v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => ParseBoolean(name, v.GetString()!),
                _ => throw new ApiValidationException($"{name} must be true or false"),
            };
        }
        return query.TryGetValue(name, out var q) ? ParseBoolean(name, q.ToString()) : null;
    }

    private static bool ParseBoolean(string name, string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : throw new ApiValidationException($"{name} must be true or false");

    /// An array of strings (a single string counts as one element; the query string may repeat the name).
    public IReadOnlyList<string>? StringArray(string name)
    {
        if (Body(name) is { } v)
        {
            if (v.ValueKind == JsonValueKind.String) return new[] { v.GetString()! };
            if (v.ValueKind != JsonValueKind.Array) throw new ApiValidationException($"{name} must be an array of strings");
            var list = new List<string>();
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
                    throw new ApiValidationException($"{name} must be an array of non-empty strings");
                list.Add(item.GetString()!);
            }
            return list;
        }
        if (!query.TryGetValue(name, out var q)) return null;
        return q.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
    }

    /// The tags filter: {"and"|"or": [{"name", "values": [...], "type": user|message|session}]}.
    /// In a query string it is the same JSON as text.
    public TagFilter? Tags(string name, IReadOnlyCollection<string> allowedTypes)
    {
        JsonElement element;
        if (Body(name) is { } v)
        {
            element = v;
        }
        else if (query.TryGetValue(name, out var q))
        {
            try
            {
                using var doc = JsonDocument.Parse(q.ToString());
                element = doc.RootElement.Clone();
            }
            catch (JsonException e) { throw new ApiValidationException($"{name} must be a JSON object", e); }
        }
        else
        {
            return null;
        }

        return TagFilter.Parse(name, element, allowedTypes);
    }
}

using System.Globalization;
using System.Text.Json;

namespace KoreHistory.Client;

// The JSON bodies of getSessions and getMessages, field names and value spellings as kore-api.md says.
internal static class RequestBodies
{
    // limit: the records asked for (null: the query's page size).
    public static byte[] Sessions(KoreSessionQuery query, DateWindow? window, IReadOnlyList<string>? sessionIds, int skip, int? limit = null)
    {
        return Write(writer =>
        {
            writer.WriteNumber("skip", skip);
            writer.WriteNumber("limit", limit ?? SessionPageSize(query, sessionIds));
            if (sessionIds is not null)
            {
                WriteIds(writer, sessionIds);
                return;
            }

            WriteWindow(writer, window);
            if (query.UserId is not null)
            {
                writer.WriteString("userId", query.UserId);
            }

            if (query.SessionType is { } type)
            {
                writer.WriteString("sessionType", KoreEnumSpelling.Of(type));
            }

            WriteTags(writer, query.Tags);
        });
    }

    public static int SessionPageSize(KoreSessionQuery query, IReadOnlyList<string>? sessionIds) =>
        sessionIds is null ? query.PageSize : Math.Min(query.PageSize, KoreEndpoints.Sessions.MaxPageSize);

    // channel: the channelType to send (null: none), one of query.Channels() or a session's own.
    // limit: the records asked for (null: the query's page size).
    public static byte[] Messages(KoreMessageQuery query, DateWindow? window, IReadOnlyList<string>? sessionIds, string? channel, int skip, int? limit = null)
    {
        return Write(writer =>
        {
            writer.WriteNumber("skip", skip);
            writer.WriteNumber("limit", limit ?? query.PageSize);
            writer.WriteBoolean("forward", query.OldestFirst);
            WriteWindow(writer, window);
            if (query.UserId is not null)
            {
                writer.WriteString("userId", query.UserId);
            }

            if (channel is not null)
            {
                writer.WriteString("channelType", channel);
            }

            if (query.IvrInstanceId is not null)
            {
                writer.WriteString("ivrInstID", query.IvrInstanceId);
            }

            if (query.MessageId is not null)
            {
                writer.WriteString("msgId", query.MessageId);
                writer.WriteNumber("direction", int.Parse(KoreEnumSpelling.Of(query.Direction ?? KoreDirection.Forward), CultureInfo.InvariantCulture));
            }

            if (sessionIds is not null)
            {
                WriteIds(writer, sessionIds);
            }

            if (query.IncludeTraceId)
            {
                writer.WriteBoolean("includeTraceId", true);
            }

            WriteTags(writer, query.Tags);
        });
    }

    // Whether the API knows a message id: the message alone, without the query's other filters.
    public static byte[] MessageProbe(string messageId) => Write(writer =>
    {
        writer.WriteNumber("skip", 0);
        writer.WriteNumber("limit", 1);
        writer.WriteString("msgId", messageId);
        writer.WriteNumber("direction", 0);
    });

    // The sessionId array of a request body; null when it has none.
    public static HashSet<string>? SessionIdsIn(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIds = reader.ValueTextEquals("sessionId"u8);
            reader.Read();
            if (!isIds)
            {
                reader.Skip();
                continue;
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                ids.Add(reader.GetString()!);
            }

            return ids;
        }

        return null;
    }

    // getSessions takes containmentType in its query string, not in its body.
    public static string SessionsQueryString(KoreSessionQuery query) =>
        query.ContainmentType is { } type ? $"?containmentType={KoreEnumSpelling.Of(type)}" : "";

    private static void WriteWindow(Utf8JsonWriter writer, DateWindow? window)
    {
        if (window is { } w)
        {
            writer.WriteString("dateFrom", QueryRules.Iso(w.From));
            writer.WriteString("dateTo", QueryRules.Iso(w.To));
        }
    }

    private static void WriteIds(Utf8JsonWriter writer, IReadOnlyList<string> ids)
    {
        writer.WriteStartArray("sessionId");
        foreach (var id in ids)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
    }

    private static void WriteTags(Utf8JsonWriter writer, KoreTagFilter? tags)
    {
        if (tags is null)
        {
            return;
        }

        writer.WriteStartObject("tags");
        writer.WriteStartArray(KoreEnumSpelling.Of(tags.Match));
        foreach (var condition in tags.Conditions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", condition.Name);
            writer.WriteStartArray("values");
            foreach (var value in condition.Values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
            writer.WriteString("type", condition.Type.ToString().ToLowerInvariant());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> writeFields)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}

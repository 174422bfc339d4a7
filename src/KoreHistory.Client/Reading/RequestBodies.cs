using System.Text.Json;

namespace KoreHistory.Client;

// The JSON bodies of getSessions and getMessages, field names and value spellings as kore-api.md says.
internal static class RequestBodies
{
    public static byte[] Sessions(KoreSessionQuery query, DateWindow? window, IReadOnlyList<string>? sessionIds, int skip)
    {
        return Write(writer =>
        {
            writer.WriteNumber("skip", skip);
            writer.WriteNumber("limit", SessionPageSize(query, sessionIds));
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
                writer.WriteString("sessionType", type == KoreSessionType.Interactive ? "interactive" : "non-interactive");
            }

            WriteTags(writer, query.Tags);
        });
    }

    public static int SessionPageSize(KoreSessionQuery query, IReadOnlyList<string>? sessionIds) =>
        sessionIds is null ? query.PageSize : Math.Min(query.PageSize, KoreSessionQuery.MaxPageSize);

    public static byte[] Messages(KoreMessageQuery query, DateWindow? window, IReadOnlyList<string>? sessionIds, int skip)
    {
        return Write(writer =>
        {
            writer.WriteNumber("skip", skip);
            writer.WriteNumber("limit", query.PageSize);
            writer.WriteBoolean("forward", query.OldestFirst);
            WriteWindow(writer, window);
            if (query.UserId is not null)
            {
                writer.WriteString("userId", query.UserId);
            }

            if (query.ChannelType is not null)
            {
                writer.WriteString("channelType", KoreChannelTypes.Canonical(query.ChannelType) ?? query.ChannelType);
            }

            if (query.IvrInstanceId is not null)
            {
                writer.WriteString("ivrInstID", query.IvrInstanceId);
            }

            if (query.MessageId is not null)
            {
                writer.WriteString("msgId", query.MessageId);
                writer.WriteNumber("direction", query.Direction switch
                {
                    KoreDirection.Backward => -1,
                    KoreDirection.Both => 0,
                    _ => 1,
                });
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

    public static string ContainmentTypeOf(KoreContainmentType type) => type switch
    {
        KoreContainmentType.DropOff => "dropOff",
        KoreContainmentType.SelfService => "selfService",
        _ => "agent",
    };

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
        writer.WriteStartArray(tags.Match == KoreTagMatch.All ? "and" : "or");
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

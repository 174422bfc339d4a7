using System.Text.Json;

namespace KoreHistory.Client;

internal static class MessageMapper
{
    private const int BotField = 0;
    private const int SessionField = 1;
    private const int UserField = 2;
    private const int StatusField = 3;
    private const int LanguageField = 4;
    private const int ChannelField = 5;
    private const int ContentTypeField = 6;
    private const int TagNameField = 7;
    private const int TagValueField = 8;
    public const int CacheFields = 9;

    // Reader on the message's StartObject; returns with the reader on its EndObject.
    public static KoreMessage Read(ref Utf8JsonReader reader, byte[] body, ValueCache cache)
    {
        var start = (int)reader.TokenStartIndex;
        var message = new KoreMessage();
        string? chnl = null;
        string? channel = null;
        string? firstChannelType = null;
        var createdOnAt = -1;
        long? timestamp = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = FieldOf(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Id:
                    message.MessageId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case Field.Type:
                    message.Direction = reader.ValueTextEquals("incoming"u8) ? "Incoming"
                        : reader.ValueTextEquals("outgoing"u8) ? "Outgoing"
                        : JsonRead.Scalar(ref reader) ?? "";
                    break;
                case Field.Status:
                    message.Status = cache.Read(ref reader, StatusField) ?? "";
                    break;
                case Field.CreatedBy:
                    message.UserId = cache.Read(ref reader, UserField) ?? "";
                    break;
                case Field.CreatedOn:
                    createdOnAt = (int)reader.TokenStartIndex;
                    reader.Skip();
                    break;
                case Field.Timestamp:
                    timestamp = JsonRead.Int64(ref reader);
                    break;
                case Field.BotId:
                    message.BotId = cache.Read(ref reader, BotField) ?? "";
                    break;
                case Field.SessionId:
                    message.SessionId = cache.Read(ref reader, SessionField) ?? "";
                    break;
                case Field.Language:
                    message.Language = cache.Read(ref reader, LanguageField) ?? "";
                    break;
                case Field.Chnl:
                    chnl = cache.Read(ref reader, ChannelField);
                    break;
                case Field.Channel:
                    channel = cache.Read(ref reader, ChannelField);
                    break;
                case Field.Channels:
                    firstChannelType = FirstChannelType(ref reader, cache);
                    break;
                case Field.TraceId:
                    message.TraceId = JsonRead.Scalar(ref reader);
                    break;
                case Field.Components:
                    message.Components = Components(ref reader, body, cache);
                    break;
                case Field.Tags:
                    var tags = JsonRead.TagLists(ref reader, cache, TagNameField, TagValueField);
                    message.MessageTags = tags.Message ?? message.MessageTags;
                    message.UserTags = tags.User ?? message.UserTags;
                    message.SessionTags = tags.Session ?? message.SessionTags;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var end = (int)reader.BytesConsumed;
        message.Raw = KoreRawJson.CopyOf(body, start, end - start);
        for (var i = 0; i < message.Components.Count; i++)
        {
            message.Components[i].Raw.MoveInto(body, message.Raw, start);
        }

        message.Channel = chnl ?? channel ?? firstChannelType ?? "";
        if (timestamp is long milliseconds)
        {
            message.Time = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
        }
        else if (createdOnAt >= 0)
        {
            // Parsed only when timestampValue is missing: the epoch milliseconds are cheaper and exact.
            var dateReader = new Utf8JsonReader(new ReadOnlySpan<byte>(body, createdOnAt, end - createdOnAt));
            dateReader.Read();
            if (JsonRead.Time(ref dateReader) is { } created)
            {
                message.Time = created.UtcDateTime;
            }
        }

        message.Text = TextOf(message.Components);
        message.ContentTypes = ContentTypesOf(message.Components);
        return message;
    }

    private enum Field
    {
        Other,
        Id,
        Type,
        Status,
        CreatedBy,
        CreatedOn,
        Timestamp,
        BotId,
        SessionId,
        Language,
        Chnl,
        Channel,
        Channels,
        TraceId,
        Components,
        Tags,
    }

    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return FieldOfName(reader.GetString());
        }

        var name = reader.ValueSpan;
        return name.Length switch
        {
            2 => Field.Other,
            3 => name.SequenceEqual("_id"u8) ? Field.Id : Field.Other,
            4 => name.SequenceEqual("type"u8) ? Field.Type : name.SequenceEqual("lang"u8) ? Field.Language : name.SequenceEqual("chnl"u8) ? Field.Chnl : name.SequenceEqual("tags"u8) ? Field.Tags : Field.Other,
            5 => name.SequenceEqual("botId"u8) ? Field.BotId : Field.Other,
            6 => name.SequenceEqual("status"u8) ? Field.Status : Field.Other,
            7 => name.SequenceEqual("traceId"u8) ? Field.TraceId : name.SequenceEqual("channel"u8) ? Field.Channel : Field.Other,
            8 => name.SequenceEqual("channels"u8) ? Field.Channels : Field.Other,
            9 => name.SequenceEqual("createdBy"u8) ? Field.CreatedBy : name.SequenceEqual("createdOn"u8) ? Field.CreatedOn : name.SequenceEqual("sessionId"u8) ? Field.SessionId : Field.Other,
            10 => name.SequenceEqual("components"u8) ? Field.Components : Field.Other,
            14 => name.SequenceEqual("timestampValue"u8) ? Field.Timestamp : Field.Other,
            _ => Field.Other,
        };
    }

    private static Field FieldOfName(string? name) => name switch
    {
        "_id" => Field.Id,
        "type" => Field.Type,
        "status" => Field.Status,
        "createdBy" => Field.CreatedBy,
        "createdOn" => Field.CreatedOn,
        "timestampValue" => Field.Timestamp,
        "botId" => Field.BotId,
        "sessionId" => Field.SessionId,
        "lang" => Field.Language,
        "chnl" => Field.Chnl,
        "channel" => Field.Channel,
        "channels" => Field.Channels,
        "traceId" => Field.TraceId,
        "components" => Field.Components,
        "tags" => Field.Tags,
        _ => Field.Other,
    };

    private static string? FirstChannelType(ref Utf8JsonReader reader, ValueCache cache)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        string? first = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType && first is null)
                {
                    first = cache.Read(ref reader, ChannelField);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return first;
    }

    private static KoreComponentList Components(ref Utf8JsonReader reader, byte[] body, ValueCache cache)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return KoreComponentList.Empty;
        }

        var components = new List<KoreComponent>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            string? id = null;
            string? contentType = null;
            string? data = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isId = reader.ValueTextEquals("_id"u8);
                var isType = !isId && reader.ValueTextEquals("cT"u8);
                var isData = !isId && !isType && reader.ValueTextEquals("data"u8);
                reader.Read();
                if (isId)
                {
                    id = JsonRead.Scalar(ref reader);
                }
                else if (isType)
                {
                    contentType = cache.Read(ref reader, ContentTypeField);
                }
                else if (isData)
                {
                    data = DataText(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            var end = (int)reader.BytesConsumed;
            components.Add(new KoreComponent(id, contentType ?? "", data, new KoreRawJson(body, start, end - start)));
        }

        return components.Count == 0 ? KoreComponentList.Empty : new KoreComponentList(components.ToArray());
    }

    // data.text when data is an object; the value itself when data is a string.
    private static string? DataText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return JsonRead.Scalar(ref reader);
        }

        string? text = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isText = reader.ValueTextEquals("text"u8);
            reader.Read();
            if (isText)
            {
                text = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                    ? JsonRead.RawText(ref reader)
                    : JsonRead.Scalar(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return text;
    }

    private static string TextOf(KoreComponentList components) =>
        components.Count == 1 ? components[0].Text : string.Join("\n", components.Select(c => c.Text));

    private static string ContentTypesOf(KoreComponentList components) =>
        components.Count == 1 ? components[0].ContentType : string.Join(", ", components.Select(c => c.ContentType).Distinct(StringComparer.Ordinal));
}

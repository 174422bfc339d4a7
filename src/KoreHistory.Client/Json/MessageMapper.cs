using System.Text;
using System.Text.Json;

namespace KoreHistory.Client;

internal static class MessageMapper
{
    // Reader on the message's StartObject; returns with the reader on its EndObject.
    public static KoreMessage Read(ref Utf8JsonReader reader, byte[] body)
    {
        var start = (int)reader.TokenStartIndex;
        var message = new KoreMessage();
        string? chnl = null;
        string? channel = null;
        string? firstChannelType = null;
        DateTimeOffset? createdOn = null;
        long? timestamp = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "_id":
                    message.MessageId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "type":
                    message.Direction = DirectionOf(JsonRead.Scalar(ref reader));
                    break;
                case "status":
                    message.Status = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "createdBy":
                    message.UserId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "createdOn":
                    createdOn = JsonRead.Time(ref reader);
                    break;
                case "timestampValue":
                    timestamp = JsonRead.Int64(ref reader);
                    break;
                case "botId":
                    message.BotId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "sessionId":
                    message.SessionId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "lang":
                    message.Language = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "chnl":
                    chnl = JsonRead.Scalar(ref reader);
                    break;
                case "channel":
                    channel = JsonRead.Scalar(ref reader);
                    break;
                case "channels":
                    firstChannelType = FirstChannelType(ref reader);
                    break;
                case "traceId":
                    message.TraceId = JsonRead.Scalar(ref reader);
                    break;
                case "components":
                    message.Components = Components(ref reader, body);
                    break;
                case "tags":
                    ReadTags(ref reader, message);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var end = (int)reader.BytesConsumed;
        message.Raw = new KoreRawJson(body, start, end - start);
        message.Channel = chnl ?? channel ?? firstChannelType ?? "";
        if (timestamp is long milliseconds)
        {
            message.Time = KoreUtcTime.FromUnixTimeMilliseconds(milliseconds);
        }
        else if (createdOn is { } created)
        {
            message.Time = created;
        }

        message.Text = TextOf(message.Components);
        message.ContentTypes = ContentTypesOf(message.Components);
        return message;
    }

    private static string DirectionOf(string? type) => type switch
    {
        "incoming" => "Incoming",
        "outgoing" => "Outgoing",
        null => "",
        _ => type,
    };

    private static string? FirstChannelType(ref Utf8JsonReader reader)
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
                    first = JsonRead.Scalar(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return first;
    }

    private static KoreComponentList Components(ref Utf8JsonReader reader, byte[] body)
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
                    contentType = JsonRead.Scalar(ref reader);
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

    private static void ReadTags(ref Utf8JsonReader reader, KoreMessage message)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "messageTags":
                    message.MessageTags = JsonRead.Tags(ref reader);
                    break;
                case "userTags":
                    message.UserTags = JsonRead.Tags(ref reader);
                    break;
                case "sessionTags":
                    message.SessionTags = JsonRead.Tags(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static string TextOf(KoreComponentList components)
    {
        switch (components.Count)
        {
            case 0:
                return "";
            case 1:
                return components[0].Text;
            default:
                var text = new StringBuilder();
                foreach (var component in components)
                {
                    if (text.Length > 0)
                    {
                        text.Append('\n');
                    }

                    text.Append(component.Text);
                }

                return text.ToString();
        }
    }

    private static string ContentTypesOf(KoreComponentList components)
    {
        switch (components.Count)
        {
            case 0:
                return "";
            case 1:
                return components[0].ContentType;
            default:
                return string.Join(", ", components.Select(c => c.ContentType).Distinct(StringComparer.Ordinal));
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KoreHistory.Client;

// Small tolerant readers over Utf8JsonReader: the API's types drift (numbers as strings, booleans as
// "true"), and an unexpected shape in one field must not lose the record.
internal static class JsonRead
{
    public static string? Scalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public static long? Int64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return whole;
                }

                return reader.TryGetDouble(out var real) ? (long)real : null;
            case JsonTokenType.String:
                return long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public static bool? Boolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) ? number != 0 : null;
            case JsonTokenType.String:
                var text = reader.GetString();
                return text is null ? null : string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || text == "1";
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public static DateTimeOffset? Time(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (reader.TryGetDateTimeOffset(out var value))
                {
                    return value;
                }

                return DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var milliseconds) ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public static List<string> Strings(ref Utf8JsonReader reader)
    {
        var values = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var single = Scalar(ref reader);
            if (single is not null)
            {
                values.Add(single);
            }

            return values;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var value = Scalar(ref reader);
            if (value is not null)
            {
                values.Add(value);
            }
        }

        return values;
    }

    // [{name, value}, …] → tags; anything else is skipped.
    public static KoreTagList Tags(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return KoreTagList.Empty;
        }

        List<KoreTag>? tags = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? name = null;
            string? value = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isName = reader.ValueTextEquals("name"u8);
                var isValue = !isName && reader.ValueTextEquals("value"u8);
                reader.Read();
                if (isName)
                {
                    name = Scalar(ref reader);
                }
                else if (isValue)
                {
                    value = reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject
                        ? RawText(ref reader)
                        : Scalar(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (name is not null)
            {
                (tags ??= []).Add(new KoreTag(name, value ?? ""));
            }
        }

        return tags is null ? KoreTagList.Empty : new KoreTagList(tags);
    }

    // The JSON text of the current value (object or array), advancing past it.
    public static string RawText(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}

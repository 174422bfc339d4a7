using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KoreHistory.Client;

// Small tolerant readers over Utf8JsonReader: the API's types drift (numbers as strings, booleans as
// "true"), and an unexpected shape in one field must not lose the record. Strings are read leniently: a lone
// surrogate escape ("\ud83d", an emoji cut in half; valid JSON, but no string .NET can hold) is turned into U+FFFD
// before a page is read (RepairLoneSurrogates), and bytes that are not UTF-8 read as U+FFFD (StringValue).
internal static class JsonRead
{
    private const byte Backslash = (byte)'\\';

    public static string? Scalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return StringValue(ref reader);
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                return Absent<string?>(ref reader);
        }
    }

    // A value of a shape the field does not take: read as absent, an object or array skipped whole.
    private static T Absent<T>(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return default!;
    }

    // The current string token; invalid UTF-8 in it reads as U+FFFD rather than failing the page.
    public static string StringValue(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            // Encoding.UTF8 replaces what is not UTF-8; an escaped value keeps its escapes as text (it is broken anyway).
            var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            return Encoding.UTF8.GetString(raw);
        }
    }

    // Rewrites, in place, every \uXXXX escape of a UTF-16 surrogate that is not half of a pair as \ufffd (the same six
    // bytes), so that every later read of the page (records, their raw JSON, tags, texts) sees U+FFFD there. A
    // backslash can only occur inside a JSON string, so no string tracking is needed: an escape is a backslash and the
    // character after it. Returns how many escapes were rewritten.
    public static int RepairLoneSurrogates(byte[] utf8) => RepairLoneSurrogates(utf8, utf8.Length);

    // The same in the first `length` bytes of `utf8`.
    public static int RepairLoneSurrogates(byte[] utf8, int length)
    {
        var repaired = 0;
        var at = IndexOfBackslash(utf8, 0, length);
        while (at >= 0 && at + 1 < length)
        {
            if (utf8[at + 1] != (byte)'u')
            {
                // \\, \", \n, …: two bytes, neither of which starts an escape.
                at = IndexOfBackslash(utf8, at + 2, length);
                continue;
            }

            var unit = Hex4(utf8, at + 2, length);
            var next = at + 6;
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                var pairsWithNext = next + 5 < length && utf8[next] == Backslash && utf8[next + 1] == (byte)'u'
                    && Hex4(utf8, next + 2, length) is >= 0xDC00 and <= 0xDFFF;
                if (pairsWithNext)
                {
                    next += 6;
                }
                else
                {
                    Replace(utf8, at);
                    repaired++;
                }
            }
            else if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                Replace(utf8, at);
                repaired++;
            }

            at = IndexOfBackslash(utf8, next, length);
        }

        return repaired;
    }

    private static int IndexOfBackslash(byte[] utf8, int from, int length)
    {
        if (from >= length)
        {
            return -1;
        }

        var found = utf8.AsSpan(from, length - from).IndexOf(Backslash);
        return found < 0 ? -1 : from + found;
    }

    // The four hex digits at `at` as a number; -1 when they are not four hex digits.
    private static int Hex4(byte[] utf8, int at, int length)
    {
        if (at + 4 > length)
        {
            return -1;
        }

        var value = 0;
        for (var i = at; i < at + 4; i++)
        {
            var b = utf8[i];
            var digit = b is >= (byte)'0' and <= (byte)'9' ? b - '0'
                : b is >= (byte)'a' and <= (byte)'f' ? b - 'a' + 10
                : b is >= (byte)'A' and <= (byte)'F' ? b - 'A' + 10
                : -1;
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        return value;
    }

    private static void Replace(byte[] utf8, int escapeAt)
    {
        utf8[escapeAt + 2] = (byte)'f';
        utf8[escapeAt + 3] = (byte)'f';
        utf8[escapeAt + 4] = (byte)'f';
        utf8[escapeAt + 5] = (byte)'d';
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
                return long.TryParse(StringValue(ref reader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                return Absent<long?>(ref reader);
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
                var text = StringValue(ref reader);
                return string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || text == "1";
            default:
                return Absent<bool?>(ref reader);
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

                return DateTimeOffset.TryParse(StringValue(ref reader), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var milliseconds) ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
            default:
                return Absent<DateTimeOffset?>(ref reader);
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
    public static KoreTagList Tags(ref Utf8JsonReader reader, ValueCache? cache = null, int nameField = 0, int valueField = 0)
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
                    name = cache is null ? Scalar(ref reader) : cache.Read(ref reader, nameField);
                }
                else if (isValue)
                {
                    value = reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject
                        ? RawText(ref reader)
                        : cache is null ? Scalar(ref reader) : cache.Read(ref reader, valueField);
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

    // The API's tags object, {"userTags": […], "sessionTags": […], "messageTags": […]}: each list it holds, read (null
    // when it holds none); anything else is skipped.
    public static (KoreTagList? User, KoreTagList? Session, KoreTagList? Message) TagLists(ref Utf8JsonReader reader, ValueCache cache, int nameField, int valueField)
    {
        KoreTagList? user = null;
        KoreTagList? session = null;
        KoreTagList? message = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (user, session, message);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isMessage = reader.ValueTextEquals("messageTags"u8);
            var isUser = !isMessage && reader.ValueTextEquals("userTags"u8);
            var isSession = !isMessage && !isUser && reader.ValueTextEquals("sessionTags"u8);
            reader.Read();
            if (isMessage)
            {
                message = Tags(ref reader, cache, nameField, valueField);
            }
            else if (isUser)
            {
                user = Tags(ref reader, cache, nameField, valueField);
            }
            else if (isSession)
            {
                session = Tags(ref reader, cache, nameField, valueField);
            }
            else
            {
                reader.Skip();
            }
        }

        return (user, session, message);
    }

    // The JSON text of the current value (object or array), advancing past it.
    public static string RawText(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}

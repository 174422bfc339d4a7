using System.Text.Json;

namespace KoreHistory.Client;

// Reads a getSessions / getMessages page in one forward pass over its UTF-8 bytes. Each record keeps a
// slice of the page as its Raw JSON; fields unknown today are kept there and otherwise skipped. Strings are read
// leniently (JsonRead), so one bad character changes that value, not the page.
internal static class PageParser
{
    private static readonly byte[] SessionsName = "sessions"u8.ToArray();
    private static readonly byte[] MessagesName = "messages"u8.ToArray();

    public static Page<KoreSession> Sessions(byte[] body) => Sessions(body, body.Length);

    public static Page<KoreMessage> Messages(byte[] body) => Messages(body, body.Length);

    // The page in the first `length` bytes of `body` (a reused buffer may be longer).
    public static Page<KoreSession> Sessions(byte[] body, int length) => Read(body, length, SessionsName, SessionMapper.Read, SessionMapper.CacheFields);

    public static Page<KoreMessage> Messages(byte[] body, int length) => Read(body, length, MessagesName, MessageMapper.Read, MessageMapper.CacheFields);

    private delegate T RecordReader<T>(ref Utf8JsonReader reader, byte[] body, ValueCache cache);

    private static Page<T> Read<T>(byte[] body, int length, byte[] listName, RecordReader<T> readRecord, int cacheFields)
    {
        // One message with a cut emoji must not end the export: its lone surrogate becomes U+FFFD.
        JsonRead.RepairLoneSurrogates(body, length);
        var cache = new ValueCache(cacheFields);
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(body, 0, length), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        long? total = null;
        bool? moreAvailable = null;
        List<T>? items = null;
        List<string>? invalid = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new KoreResponseException("The response is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isList = reader.ValueTextEquals(listName);
                var field = isList ? Field.List
                    : reader.ValueTextEquals("total"u8) ? Field.Total
                    : reader.ValueTextEquals("moreAvailable"u8) ? Field.More
                    : reader.ValueTextEquals("invalidSessions"u8) ? Field.Invalid
                    : Field.Other;
                reader.Read();
                switch (field)
                {
                    case Field.Total:
                        total = JsonRead.Int64(ref reader);
                        break;
                    case Field.More:
                        moreAvailable = JsonRead.Boolean(ref reader);
                        break;
                    case Field.Invalid:
                        invalid = JsonRead.Strings(ref reader);
                        break;
                    case Field.List:
                        items = ReadList(ref reader, body, readRecord, cache);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            throw new KoreResponseException($"The response is not valid JSON: {exception.Message}", null, exception);
        }
        catch (InvalidOperationException exception)
        {
            throw new KoreResponseException($"The response has an unexpected shape: {exception.Message}", null, exception);
        }

        if (items is null)
        {
            throw new KoreResponseException(
                $"The response has no \"{System.Text.Encoding.UTF8.GetString(listName)}\" list.");
        }

        return new Page<T>(total ?? items.Count, moreAvailable, items, (IReadOnlyList<string>?)invalid ?? [], length);
    }

    private static List<T> ReadList<T>(ref Utf8JsonReader reader, byte[] body, RecordReader<T> readRecord, ValueCache cache)
    {
        var items = new List<T>(100);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return items;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new KoreResponseException("The response's record list is not an array.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new KoreResponseException("The response's record list holds something other than objects.");
            }

            items.Add(readRecord(ref reader, body, cache));
        }

        return items;
    }

    private enum Field
    {
        Other,
        Total,
        More,
        Invalid,
        List,
    }
}

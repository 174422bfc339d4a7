using System.Text.Json;

namespace KoreHistory.Client;

internal static class SessionMapper
{
    public const int CacheFields = 8;
    private const int BotField = 0;
    private const int UserField = 1;
    private const int ChannelField = 2;
    private const int KindField = 3;
    private const int TagNameField = 4;
    private const int TagValueField = 5;
    private const int StatusField = 6;

    // Reader on the session's StartObject; returns with the reader on its EndObject.
    public static KoreSession Read(ref Utf8JsonReader reader, byte[] body, ValueCache cache)
    {
        var start = (int)reader.TokenStartIndex;
        var session = new KoreSession();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "sessionId":
                    session.SessionId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "botId":
                    session.BotId = cache.Read(ref reader, BotField) ?? "";
                    break;
                case "userId":
                    session.UserId = cache.Read(ref reader, UserField) ?? "";
                    break;
                case "channel":
                    session.Channel = cache.Read(ref reader, ChannelField) ?? "";
                    break;
                case "start_time":
                    if (JsonRead.Time(ref reader) is { } startTime)
                    {
                        session.StartTime = startTime.UtcDateTime;
                    }

                    break;
                case "end_time":
                    session.EndTime = JsonRead.Time(ref reader) is { } endTime ? endTime.UtcDateTime : null;
                    break;
                case "session_lang":
                    session.Languages = string.Join(", ", JsonRead.Strings(ref reader));
                    break;
                case "sessionType":
                    session.SessionType = cache.Read(ref reader, KindField) ?? "";
                    break;
                case "containmentType":
                    session.ContainmentType = cache.Read(ref reader, KindField) ?? "";
                    break;
                case "sessionStatus":
                    session.Status = cache.Read(ref reader, StatusField) ?? "";
                    break;
                case "isDeveloper":
                    session.IsDeveloper = JsonRead.Boolean(ref reader) ?? false;
                    break;
                case "noOfMessagesExchanged":
                    session.MessageCount = (int)(JsonRead.Int64(ref reader) ?? 0);
                    break;
                case "noOfTasksExecuted":
                    session.TaskCount = (int)(JsonRead.Int64(ref reader) ?? 0);
                    break;
                case "tags":
                    var tags = JsonRead.TagLists(ref reader, cache, TagNameField, TagValueField);
                    session.UserTags = tags.User ?? session.UserTags;
                    session.SessionTags = tags.Session ?? session.SessionTags;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var end = (int)reader.BytesConsumed;
        session.Raw = KoreRawJson.CopyOf(body, start, end - start);
        return session;
    }
}

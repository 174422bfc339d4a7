using System.Text.Json;

namespace KoreHistory.Client;

internal static class SessionMapper
{
    // Reader on the session's StartObject; returns with the reader on its EndObject.
    public static KoreSession Read(ref Utf8JsonReader reader, byte[] body)
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
                    session.BotId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "userId":
                    session.UserId = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "channel":
                    session.Channel = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "start_time":
                    if (JsonRead.Time(ref reader) is { } startTime)
                    {
                        session.StartTime = startTime;
                    }

                    break;
                case "end_time":
                    session.EndTime = JsonRead.Time(ref reader) is { } endTime ? endTime : null;
                    break;
                case "session_lang":
                    session.Languages = string.Join(", ", JsonRead.Strings(ref reader));
                    break;
                case "sessionType":
                    session.SessionType = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "containmentType":
                    session.ContainmentType = JsonRead.Scalar(ref reader) ?? "";
                    break;
                case "sessionStatus":
                    session.Status = JsonRead.Scalar(ref reader) ?? "";
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
                    ReadTags(ref reader, session);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var end = (int)reader.BytesConsumed;
        session.Raw = new KoreRawJson(body, start, end - start);
        return session;
    }

    private static void ReadTags(ref Utf8JsonReader reader, KoreSession session)
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
                case "userTags":
                    session.UserTags = JsonRead.Tags(ref reader);
                    break;
                case "sessionTags":
                    session.SessionTags = JsonRead.Tags(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KoreHistory.Client.Tests.Hostile;

// getMessages pages and error bodies written by hand, so that a test controls every byte (escapes included).
public static class HostilePages
{
    public const string BotId = "st-00000000-0000-4000-8000-0000000000b0";

    public const string SessionId = "65f0c1e2a3b4c5d6e7f80912";

    public static string Messages(long total, bool? moreAvailable, IEnumerable<HostileMessage> messages)
    {
        var json = new StringBuilder("{\"total\":").Append(total.ToString(CultureInfo.InvariantCulture));
        if (moreAvailable is { } more)
        {
            json.Append(",\"moreAvailable\":").Append(more ? "true" : "false");
        }

        json.Append(",\"messages\":[");
        var first = true;
        foreach (var message in messages)
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            json.Append(Message(message));
        }

        return json.Append("]}").ToString();
    }

    public static string Message(HostileMessage message)
    {
        var time = message.Time.ToUniversalTime();
        return "{\"_id\":\"" + message.Id + "\",\"type\":\"outgoing\",\"status\":\"delivered\",\"createdBy\":\"u-1\""
            + ",\"createdOn\":\"" + time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "\""
            + ",\"timestampValue\":" + time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            + ",\"botId\":\"" + BotId + "\",\"sessionId\":\"" + SessionId + "\",\"lang\":\"en\",\"chnl\":\"rtm\""
            + ",\"components\":[{\"_id\":\"cp-" + message.Id + "\",\"cT\":\"text\",\"data\":{\"text\":" + message.TextJson + "}}]}";
    }

    public static string EmptyMessages => Messages(0, false, []);

    public static string Error(string messageJson, int code) =>
        "{\"errors\":[{\"msg\":" + messageJson + ",\"code\":" + code.ToString(CultureInfo.InvariantCulture) + "}]}";

    // The paging fields of a getMessages/getSessions body (skip, limit, dateFrom, dateTo); absent ones are null.
    public static PageAsk AskOf(HostileRequest request)
    {
        using var document = JsonDocument.Parse(request.Body.Length == 0 ? "{}" : request.Body);
        var root = document.RootElement;
        return new PageAsk(
            root.TryGetProperty("skip", out var skip) ? skip.GetInt32() : 0,
            root.TryGetProperty("limit", out var limit) ? limit.GetInt32() : 100,
            root.TryGetProperty("dateFrom", out var from) ? DateTimeOffset.Parse(from.GetString()!, CultureInfo.InvariantCulture) : null,
            root.TryGetProperty("dateTo", out var to) ? DateTimeOffset.Parse(to.GetString()!, CultureInfo.InvariantCulture) : null,
            root.TryGetProperty("forward", out var forward) && forward.ValueKind == JsonValueKind.True);
    }
}

public sealed record PageAsk(int Skip, int Limit, DateTimeOffset? From, DateTimeOffset? To, bool OldestFirst);

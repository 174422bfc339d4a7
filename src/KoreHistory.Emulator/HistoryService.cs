using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace KoreHistory.Emulator;

/// Runs validated queries against EmulatorData and writes the API's JSON.
/// Cost per request depends on the records inside the date window, not on the size of the whole data set.
internal sealed class HistoryService
{
    // Raw UTF-8 text as Kore sends it, rather than \uXXXX escapes for every non-ASCII character.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly EmulatorData data;

    public HistoryService(EmulatorData data) => this.data = data;

    /// botId null: admin scope over every bot.
    public byte[] Sessions(SessionQuery query, string? botId)
    {
        var matches = new List<EmulatedSession>();
        List<string>? invalid = null;
        if (query.SessionIds is { } ids)
        {
            invalid = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (!seen.Add(id)) continue;
                var s = data.FindSession(id);
                if (s is null || (botId is not null && s.BotId != botId)) invalid.Add(id);
                else matches.Add(s);
            }
            matches.Sort((a, b) => b.Index.CompareTo(a.Index));
        }
        else
        {
            // Under the data's lock: the live mode appends sessions while requests are answered.
            Monitor.Enter(data.Sync);
            try
            {
                var w = query.Window;
                var first = data.FirstSessionAtOrAfter(w.FromMs);
                var end = data.FirstSessionAtOrAfter(w.ToMs);
                for (var i = end - 1; i >= first; i--)
                {
                    var s = data.SessionAt(i);
                    if (botId is not null && s.BotId != botId) continue;
                    if (query.UserId is not null && s.UserId != query.UserId) continue;
                    if (query.SessionType is not null && s.SessionType != query.SessionType) continue;
                    if (query.ContainmentType is not null && s.ContainmentType != query.ContainmentType) continue;
                    if (query.Tags is not null && !query.Tags.Matches(s.UserTags, s.SessionTags, null)) continue;
                    matches.Add(s);
                }
            }
            finally
            {
                Monitor.Exit(data.Sync);
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var page = Page(matches.Count, query.Page);
            // Asked for by id, sessions older than 14 days come without their sessionTags (Kore's
            // get-sessions-history docs: "sessionTags are returned only for sessions from the last 14 days").
            var tagsSince = query.SessionIds is null ? long.MinValue : data.Clock.ToUnixTimeMilliseconds() - SessionTagsByIdMaxAgeMs;
            json.WriteStartObject();
            json.WriteNumber("total", matches.Count);
            json.WriteBoolean("moreAvailable", page.More);
            json.WriteStartArray("sessions");
            lock (data.Sync)
                for (var i = page.Start; i < page.End; i++) WriteSession(json, matches[i], withSessionTags: matches[i].StartMs >= tagsSince);
            json.WriteEndArray();
            if (invalid is not null)
            {
                json.WriteStartArray("invalidSessions");
                foreach (var id in invalid) json.WriteStringValue(id);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public byte[] Messages(MessageQuery query, string? botId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        lock (data.Sync)
        {
            var (total, page) = Select(query, botId);
            using var json = new Utf8JsonWriter(buffer, WriterOptions);
            json.WriteStartObject();
            json.WriteNumber("total", total);
            // From the limit asked for, not the records served: under EmulatorPlatform.LimitCap it can say false early.
            json.WriteBoolean("moreAvailable", query.Page.Skip + query.Page.Limit < total);
            json.WriteStartArray("messages");
            foreach (var key in page) WriteMessage(json, data.Materialize(key), query.IncludeTraceId);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// The number of matching messages and the requested page of them, in answer order (callers hold Sync).
    /// Only the page is collected, so a request costs one pass over its window, whatever the data set's size.
    private (int Total, List<MessageKey> Page) Select(MessageQuery query, string? botId)
    {
        if (query.MessageId is null && query.SessionIds is not null)
        {
            // By session ids: read those sessions' messages directly instead of the whole window.
            var w = query.Window!.Value;
            var keys = query.SessionIds
                .Select(data.FindSession)
                .Where(s => s is not null)
                .SelectMany(s => Enumerable.Range(0, s!.MessageCount).Select(o => EmulatorData.KeyOf(s, o)))
                .Where(k => k.TimeMs >= w.FromMs && k.TimeMs < w.ToMs && Matches(k, query, botId))
                .Order()
                .ToList();
            if (!query.Forward) keys.Reverse();
            return (keys.Count, keys.Skip((int)Math.Min(query.Page.Skip, keys.Count)).Take(query.Page.PageLimit).ToList());
        }
        if (query.MessageId is null)
        {
            var w = query.Window!.Value;
            return Scan(data.FirstMessageAtOrAfter(w.FromMs), data.FirstMessageAtOrAfter(w.ToMs), query.Forward, query, botId);
        }

        // msgId: forward = that message and everything after it, oldest first; backward = it and everything
        // before it, newest first; both = the messages of its session, oldest first. Other filters still apply.
        if (data.FindMessageKey(query.MessageId) is not { } anchor
            || (botId is not null && data.SessionAt(anchor.SessionIndex).BotId != botId))
        {
            return (0, new List<MessageKey>());
        }

        var at = data.MessageIndex.BinarySearch(anchor);
        if (query.Direction > 0) return Scan(at, data.MessageIndex.Count, ascending: true, query, botId);
        if (query.Direction < 0) return Scan(0, at + 1, ascending: false, query, botId);
        var session = data.SessionAt(anchor.SessionIndex);
        var conversation = Enumerable.Range(0, session.MessageCount)
            .Select(o => EmulatorData.KeyOf(session, o))
            .Where(k => Matches(k, query, botId))
            .Order()
            .ToList();
        return (conversation.Count, conversation.Skip((int)Math.Min(query.Page.Skip, conversation.Count)).Take(query.Page.PageLimit).ToList());
    }

    private (int Total, List<MessageKey> Page) Scan(int first, int end, bool ascending, MessageQuery query, string? botId)
    {
        var index = data.MessageIndex;
        var page = new List<MessageKey>(Math.Min(query.Page.PageLimit, 1000));
        var rank = 0L;
        for (var n = 0; n < end - first; n++)
        {
            var key = index[ascending ? first + n : end - 1 - n];
            if (!Matches(key, query, botId)) continue;
            if (rank >= query.Page.Skip && page.Count < query.Page.PageLimit) page.Add(key);
            rank++;
        }
        return ((int)rank, page);
    }

    private bool Matches(MessageKey key, MessageQuery query, string? botId)
    {
        var s = data.SessionAt(key.SessionIndex);
        if (botId is not null && s.BotId != botId) return false;
        if (query.UserId is not null && s.UserId != query.UserId) return false;
        if (query.SessionIds is not null && !query.SessionIds.Contains(s.SessionId)) return false;
        if (!ChannelMatches(s, query)) return false;
        if (query.Tags is null && !query.LeaveOutAlertsAndActions) return true;
        var needShape = query.LeaveOutAlertsAndActions || query.Tags!.UsesMessageTags;
        var shape = needShape ? HistoryGenerator.Shape(s, key.Ordinal) : default;
        if (query.LeaveOutAlertsAndActions && shape.IsAlertOrAction) return false;
        if (query.Tags is null) return true;
        IReadOnlyList<EmulatedTag>? messageTags = shape.Tag is null ? Array.Empty<EmulatedTag>() : new[] { shape.Tag };
        return query.Tags.Matches(s.UserTags, s.SessionTags, messageTags);
    }

    // channelType "ivr" without ivrInstID means the first webhook instance (kore-api.md); ivrInstID alone implies "ivr".
    private static bool ChannelMatches(EmulatedSession s, MessageQuery query)
    {
        if (query.IvrInstanceId is not null)
            return s.Channel == "ivr" && (query.ChannelType is null or "ivr") && s.IvrInstanceId == query.IvrInstanceId;
        if (query.ChannelType is null) return true;
        if (s.Channel != query.ChannelType) return false;
        return query.ChannelType != "ivr" || s.IvrInstanceId == EmulatorData.IvrFirstInstance;
    }

    private readonly record struct PageRange(int Start, int End, bool More);

    internal const long SessionTagsByIdMaxAgeMs = 14 * 86_400_000L;

    // PageLimit: the records served (the limit, or less under a cap); moreAvailable comes from the limit asked for.
    private static PageRange Page(int total, PageRequest request)
    {
        var start = (int)Math.Min(request.Skip, total);
        var end = (int)Math.Min((long)start + request.PageLimit, total);
        return new PageRange(start, end, request.Skip + request.Limit < total);
    }

    internal static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteTags(Utf8JsonWriter json, string name, IReadOnlyList<EmulatedTag> tags)
    {
        json.WriteStartArray(name);
        foreach (var t in tags)
        {
            json.WriteStartObject();
            json.WriteString("name", t.Name);
            json.WriteString("value", t.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteSession(Utf8JsonWriter json, EmulatedSession s, bool withSessionTags)
    {
        json.WriteStartObject();
        json.WriteString("sessionId", s.SessionId);
        json.WriteString("botId", s.BotId);
        json.WriteString("channel", s.Channel);
        json.WriteString("userId", s.UserId);
        json.WriteString("start_time", Iso(s.StartTime));
        json.WriteString("end_time", Iso(s.EndTime));
        json.WriteStartArray("session_lang");
        foreach (var l in s.Languages) json.WriteStringValue(l);
        json.WriteEndArray();
        json.WriteString("sessionType", s.SessionType);
        json.WriteString("containmentType", s.ContainmentType);
        json.WriteBoolean("isDeveloper", s.IsDeveloper);
        json.WriteString("sessionStatus", s.Status);
        json.WriteStartObject("tags");
        WriteTags(json, "userTags", s.UserTags);
        WriteTags(json, "sessionTags", withSessionTags ? s.SessionTags : Array.Empty<EmulatedTag>());
        json.WriteStartArray("altText");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNumber("noOfMessagesExchanged", s.MessageCount);
        json.WriteNumber("noOfTasksExecuted", s.TaskCount);
        json.WriteEndObject();
    }

    private void WriteMessage(Utf8JsonWriter json, EmulatedMessage m, bool includeTraceId)
    {
        var time = Iso(m.CreatedOn);
        json.WriteStartObject();
        json.WriteString("_id", m.MessageId);
        json.WriteString("type", m.Type);
        json.WriteString("status", m.Status);
        json.WriteString("createdBy", m.UserId);
        json.WriteString("createdOn", time);
        json.WriteString("lmodifiedBy", m.UserId);
        json.WriteString("lmodifiedOn", time);
        json.WriteNumber("timestampValue", m.CreatedOn.ToUnixTimeMilliseconds());
        json.WriteString("botId", m.BotId);
        json.WriteString("orgId", data.OrgId);
        json.WriteString("accountId", data.AccountId);
        json.WriteString("sessionId", m.SessionId);
        json.WriteString("lang", m.Language);
        json.WriteString("chnl", m.Channel);
        json.WriteStartArray("channels");
        json.WriteStartObject();
        json.WriteString("type", m.Channel);
        json.WriteString("channelUId", m.UserId);
        if (m.IvrInstanceId is not null) json.WriteString("ivrInstID", m.IvrInstanceId);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("components");
        foreach (var c in m.Components)
        {
            json.WriteStartObject();
            json.WriteString("_id", c.Id);
            json.WriteString("cT", c.ContentType);
            json.WriteStartObject("data");
            json.WriteString("text", c.Text);
            json.WriteEndObject();
            json.WriteStartArray("thumbnails");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("isBB", 0);
        json.WriteNumber("ms", m.Source);
        json.WriteStartObject("tags");
        WriteTags(json, "messageTags", m.MessageTags);
        WriteTags(json, "userTags", m.UserTags);
        WriteTags(json, "sessionTags", m.SessionTags);
        json.WriteEndObject();
        if (includeTraceId && m.Incoming) json.WriteString("traceId", m.TraceId);
        json.WriteNumber("__v", 0);
        json.WriteString("resourceid", "messagestore");
        json.WriteEndObject();
    }
}

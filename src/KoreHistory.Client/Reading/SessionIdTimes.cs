using System.Globalization;

namespace KoreHistory.Client;

// A Kore.ai session id is a MongoDB ObjectId: 24 hex digits, the first 8 the second it was created. That places a
// session in time without asking the API: in the sanitised production captures of ken-at-kore/xob-cat (data/, 192
// sessions) it lies between 1 s before and 580 s after start_time, and Kore's docs' sample (conversation-history.md,
// GET) has the session's first message 75 ms before it. SpanBatch.Before (an hour) covers both.
internal static class SessionIdTimes
{
    private static readonly DateTimeOffset Earliest = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // The creation time the id encodes; null when it is not an ObjectId or the time is implausible.
    public static DateTimeOffset? Of(string id, DateTimeOffset now)
    {
        if (id.Length != 24 || !id.All(Uri.IsHexDigit)
            || !uint.TryParse(id.Substring(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return time >= Earliest && time <= now + TimeSpan.FromDays(1) ? time : null;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KoreHistory.Client;

/// <summary>
/// Where a resumable read stands, like a continuation token: every record whose time is before <see cref="Through"/>
/// has been handed over, and so have the records of <see cref="HandedOverIds"/>, whose times are at or after it. A read
/// resumed from a checkpoint reads from <see cref="Through"/> on and drops those ids, so nothing is handed over twice
/// and nothing is skipped. For messages, <see cref="Through"/> lies a short band (5 s) before the last record handed
/// over, and the ids are every record handed over since: the API sorts by createdOn while a message's time is its
/// timestampValue, which can differ by a few milliseconds, so the ids of the last millisecond alone would not be
/// enough. For sessions, read a UTC day (or the part of one the range covers) at a time, it is the end of the last
/// day handed over, and there are no ids. Immutable; <see cref="ToString"/> gives a token that
/// <see cref="Parse"/> reads back.
/// </summary>
public sealed class KoreReadCheckpoint : IEquatable<KoreReadCheckpoint>
{
    private const int TokenVersion = 1;

    /// <summary>A checkpoint at <paramref name="through"/> with no record handed over at or after it.</summary>
    public KoreReadCheckpoint(DateTime through)
        : this(through, null, [])
    {
    }

    internal KoreReadCheckpoint(DateTime through, DateTime? lastRecordTime, IEnumerable<string> handedOverIds)
    {
        Through = Millisecond(through);
        LastRecordTime = lastRecordTime is { } last ? Millisecond(last) : null;
        HandedOverIds = handedOverIds.Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every record before this time (UTC, whole milliseconds) has been handed over.</summary>
    public DateTime Through { get; }

    /// <summary>The time of the last record handed over (UTC), or null when none was.</summary>
    public DateTime? LastRecordTime { get; }

    /// <summary>The ids of the records handed over whose times are at or after <see cref="Through"/>.</summary>
    public IReadOnlyList<string> HandedOverIds { get; }

    /// <summary>Reads a token made by <see cref="ToString"/>; throws <see cref="KoreValidationException"/> for anything else.</summary>
    public static KoreReadCheckpoint Parse(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw Invalid("it is empty");
        }

        try
        {
            using var document = JsonDocument.Parse(token);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var version) || version.GetInt32() != TokenVersion)
            {
                throw Invalid($"it is not a version {TokenVersion} checkpoint");
            }

            var through = ParseTime(root.GetProperty("through").GetString());
            DateTime? last = root.TryGetProperty("last", out var lastElement) && lastElement.ValueKind == JsonValueKind.String
                ? ParseTime(lastElement.GetString())
                : null;
            var ids = new List<string>();
            if (root.TryGetProperty("ids", out var idsElement))
            {
                foreach (var id in idsElement.EnumerateArray())
                {
                    ids.Add(id.GetString() is { Length: > 0 } text ? text : throw Invalid("an id is empty"));
                }
            }

            return new KoreReadCheckpoint(through, last, ids);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw Invalid("it is not the JSON a checkpoint is written as");
        }
    }

    /// <summary>The token: compact JSON, <c>{"v":1,"through":"…Z","last":"…Z","ids":[…]}</c>.</summary>
    public override string ToString()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", TokenVersion);
            json.WriteString("through", KoreUtcTime.Format(Through));
            if (LastRecordTime is { } last)
            {
                json.WriteString("last", KoreUtcTime.Format(last));
            }

            json.WriteStartArray("ids");
            foreach (var id in HandedOverIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc/>
    public bool Equals(KoreReadCheckpoint? other) =>
        other is not null && Through == other.Through && LastRecordTime == other.LastRecordTime
        && HandedOverIds.SequenceEqual(other.HandedOverIds, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KoreReadCheckpoint);

    /// <inheritdoc/>
    public override int GetHashCode() => Through.GetHashCode() ^ HandedOverIds.Count;

    private static DateTime Millisecond(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static DateTime ParseTime(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : throw Invalid($"'{text}' is not a UTC time to the millisecond");

    private static KoreValidationException Invalid(string why) =>
        new($"The read checkpoint cannot be read: {why}.", "Checkpoint");
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KoreHistory.Client;

/// <summary>
/// What an export of one bot has committed, as the module keeps it in its checkpoint file: where its sessions and
/// messages reads stand (<see cref="KoreReadCheckpoint"/>s), and the committed length of every output file that a
/// later commit may still append to. A run that starts after a crash truncates those files to these lengths and resumes
/// the reads from these checkpoints: nothing written after the last commit survives, and nothing before it is read
/// again. The engine only turns it into JSON and back; the module writes it (atomically) and the files.
/// </summary>
public sealed class KoreExportCheckpoint
{
    private const int FileVersion = 1;
    private readonly SortedDictionary<string, long> files = new(StringComparer.Ordinal);

    /// <summary>The checkpoint of a new export of <paramref name="botId"/> in <paramref name="format"/>, from <paramref name="from"/>.</summary>
    public KoreExportCheckpoint(string botId, string format, DateTime from)
    {
        BotId = botId;
        Format = format;
        From = from;
    }

    /// <summary>The bot exported.</summary>
    public string BotId { get; }

    /// <summary>The output format the folder was started with (the module's name for it).</summary>
    public string Format { get; }

    /// <summary>Where the first run started (UTC).</summary>
    public DateTime From { get; }

    /// <summary>Where the sessions read stands; null before its first commit.</summary>
    public KoreReadCheckpoint? Sessions { get; set; }

    /// <summary>Where the messages read stands; null before its first commit.</summary>
    public KoreReadCheckpoint? Messages { get; set; }

    /// <summary>Sessions and messages committed so far, over every run.</summary>
    public long SessionsExported { get; set; }

    /// <summary>Messages committed so far, over every run.</summary>
    public long MessagesExported { get; set; }

    /// <summary>When this checkpoint was committed (UTC).</summary>
    public DateTime CommittedAt { get; set; }

    /// <summary>Committed length in bytes of each file a later commit may append to, by path relative to the bot's folder.</summary>
    public IReadOnlyDictionary<string, long> Files => files;

    /// <summary>Records the committed length of a file (path relative to the bot's folder).</summary>
    public void SetFileLength(string relativePath, long length)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "A file length cannot be negative.");
        }

        files[relativePath] = length;
    }

    /// <summary>Forgets a file no later commit will append to.</summary>
    public void RemoveFile(string relativePath) => files.Remove(relativePath);

    /// <summary>Where every record before it is exported, sessions and messages alike: the earlier of the two reads.</summary>
    public DateTime ExportedThrough =>
        new[] { Sessions?.Through ?? From, Messages?.Through ?? From }.Min();

    /// <summary>The checkpoint as JSON, for the checkpoint file (<see cref="Parse"/> reads it back).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FileVersion);
            json.WriteString("botId", BotId);
            json.WriteString("format", Format);
            json.WriteString("from", KoreUtcTime.Format(From));
            json.WriteString("exportedThrough", KoreUtcTime.Format(ExportedThrough));
            json.WriteString("committedAt", KoreUtcTime.Format(CommittedAt));
            json.WriteNumber("sessionsExported", SessionsExported);
            json.WriteNumber("messagesExported", MessagesExported);
            WriteToken(json, "sessions", Sessions);
            WriteToken(json, "messages", Messages);
            json.WritePropertyName("files");
            json.WriteStartObject();
            foreach (var file in files)
            {
                json.WriteNumber(file.Key, file.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; throws <see cref="KoreValidationException"/> naming what is wrong.</summary>
    public static KoreExportCheckpoint Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.GetInt32() != FileVersion)
            {
                throw Invalid($"it is not a version {FileVersion} export checkpoint");
            }

            var checkpoint = new KoreExportCheckpoint(
                root.GetProperty("botId").GetString() ?? throw Invalid("botId is missing"),
                root.GetProperty("format").GetString() ?? throw Invalid("format is missing"),
                Time(root.GetProperty("from").GetString()))
            {
                SessionsExported = root.GetProperty("sessionsExported").GetInt64(),
                MessagesExported = root.GetProperty("messagesExported").GetInt64(),
                CommittedAt = Time(root.GetProperty("committedAt").GetString()),
                Sessions = Token(root, "sessions"),
                Messages = Token(root, "messages"),
            };
            foreach (var file in root.GetProperty("files").EnumerateObject())
            {
                checkpoint.SetFileLength(file.Name, file.Value.GetInt64());
            }

            return checkpoint;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentOutOfRangeException)
        {
            throw Invalid($"it is not the JSON an export checkpoint is written as ({exception.Message})");
        }
    }

    private static void WriteToken(Utf8JsonWriter json, string name, KoreReadCheckpoint? checkpoint)
    {
        if (checkpoint is null)
        {
            json.WriteNull(name);
        }
        else
        {
            // The token is JSON itself: kept as an object, readable in the file.
            json.WritePropertyName(name);
            json.WriteRawValue(checkpoint.ToString());
        }
    }

    private static KoreReadCheckpoint? Token(JsonElement root, string name) =>
        root.TryGetProperty(name, out var token) && token.ValueKind == JsonValueKind.Object ? KoreReadCheckpoint.Parse(token.GetRawText()) : null;

    private static DateTime Time(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : throw Invalid($"'{text}' is not a UTC time to the millisecond");

    private static KoreValidationException Invalid(string why) => new($"The export checkpoint cannot be read: {why}.", "Checkpoint");
}

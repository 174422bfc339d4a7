using System.Globalization;
using System.Text;
using KoreHistory.Client;

namespace KoreHistory.Export;

/// One bot's export folder: its checkpoint (checkpoint.json) and its files, messages/{UTC day} and sessions/{UTC day}.
/// Exactly once, even when the process is killed at any moment:
/// - records are appended, and a commit flushes every file it appended to (to the disk), then writes the checkpoint:
///   the reads' checkpoints after those records and each file's length, to a temporary file, flushed, then renamed
///   over checkpoint.json (a rename is atomic: a reader sees the old checkpoint or the new one, never a mix);
/// - before the first append to a file the checkpoint does not list yet, the checkpoint is committed once more with
///   that file at its present length, so every file a run may append to is listed with a committed length;
/// - a run that starts truncates every listed file to its committed length (whatever was appended after the last
///   commit goes) and resumes the reads from the committed checkpoints (so exactly those records are read again).
/// Files of days the export has left behind are dropped from the list (their length is final) and never touched again
/// unless a record of that day still comes, which lists the file again first.
internal sealed class BotFolder : IDisposable
{
    public const string CheckpointFileName = "checkpoint.json";
    private const string TemporaryFileName = "checkpoint.json.tmp";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string root;
    private readonly Dictionary<string, FileStream> open = new(StringComparer.Ordinal);
    private readonly SortedSet<string> appended = new(StringComparer.Ordinal);

    private BotFolder(string root, KoreExportCheckpoint state)
    {
        this.root = root;
        State = state;
    }

    public KoreExportCheckpoint State { get; }

    /// The files appended to by this run, relative to the bot's folder.
    public IReadOnlyCollection<string> Appended => appended;

    public string Root => root;

    /// The committed checkpoint of a bot's folder, or null when it has none (a first run). Reads only.
    public static KoreExportCheckpoint? ReadCheckpoint(string root)
    {
        var path = Path.Combine(root, CheckpointFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var checkpoint = KoreExportCheckpoint.Parse(File.ReadAllText(path, Utf8));
        return checkpoint;
    }

    /// Opens (or starts) a bot's folder and brings its files back to the last commit.
    public static BotFolder Open(string root, string botId, KoreExportFormat format, DateTime? from)
    {
        Directory.CreateDirectory(root);
        var state = ReadCheckpoint(root);
        if (state is null)
        {
            if (from is not { } start)
            {
                throw new ExportFolderException($"The folder '{root}' has no checkpoint yet: the first export of bot {botId} needs -From (where to start).");
            }

            state = new KoreExportCheckpoint(botId, format.ToString(), start) { CommittedAt = DateTime.UtcNow };
        }
        else if (!string.Equals(state.BotId, botId, StringComparison.Ordinal))
        {
            throw new ExportFolderException($"The checkpoint in '{root}' belongs to bot {state.BotId}, not {botId}.");
        }
        else if (!string.Equals(state.Format, format.ToString(), StringComparison.Ordinal))
        {
            throw new ExportFolderException($"The folder '{root}' is exported as {state.Format}; this run asks for {format}. Use -Format {state.Format}, or another folder.");
        }

        var folder = new BotFolder(root, state);
        folder.Recover();
        return folder;
    }

    /// Appends lines to a file (relative to the bot's folder), writing header first when the file is new or empty.
    public void Append(string relativePath, byte[] header, IEnumerable<byte[]> lines)
    {
        var stream = StreamOf(relativePath);
        if (stream.Length == 0 && header.Length > 0)
        {
            stream.Write(header, 0, header.Length);
        }

        foreach (var line in lines)
        {
            stream.Write(line, 0, line.Length);
        }

        appended.Add(relativePath);
    }

    /// Makes everything appended so far durable, then the checkpoint that says so (update sets the reads' checkpoints
    /// and counts).
    public void Commit(Action<KoreExportCheckpoint> update)
    {
        foreach (var file in open)
        {
            file.Value.Flush(flushToDisk: true);
            State.SetFileLength(file.Key, file.Value.Length);
        }

        update(State);
        State.CommittedAt = DateTime.UtcNow;
        ForgetFinishedDays();
        WriteCheckpoint();
    }

    public void Dispose()
    {
        foreach (var stream in open.Values)
        {
            stream.Dispose();
        }

        open.Clear();
    }

    private FileStream StreamOf(string relativePath)
    {
        if (open.TryGetValue(relativePath, out var stream))
        {
            return stream;
        }

        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!State.Files.ContainsKey(relativePath))
        {
            // Listed, at its present length, before anything is appended: a crash from here on truncates it there.
            State.SetFileLength(relativePath, File.Exists(path) ? new FileInfo(path).Length : 0);
            WriteCheckpoint();
        }

        stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        stream.Seek(0, SeekOrigin.End);
        open[relativePath] = stream;
        return stream;
    }

    private void Recover()
    {
        var temporary = Path.Combine(root, TemporaryFileName);
        if (File.Exists(temporary))
        {
            File.Delete(temporary);
        }

        foreach (var file in State.Files)
        {
            var path = Path.Combine(root, file.Key);
            var length = File.Exists(path) ? new FileInfo(path).Length : -1;
            if (length < file.Value && !(length == -1 && file.Value == 0))
            {
                throw new ExportFolderException(
                    $"The file '{path}' is {(length < 0 ? "missing" : $"{length:N0} bytes long")}, shorter than the {file.Value:N0} bytes the checkpoint committed: it was changed outside the export. Restore it, or start a new export in another folder.");
            }

            if (length > file.Value)
            {
                // Written after the last commit by a run that did not finish: those records are read again.
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
                stream.SetLength(file.Value);
                stream.Flush(flushToDisk: true);
            }
        }
    }

    // A day before the one both reads stand in (and the day before it, for records whose time lags the order the API
    // sorts by) gets no more records in the normal course: its file's length is final.
    private void ForgetFinishedDays()
    {
        var cutoff = State.ExportedThrough.Date.AddDays(-1);
        foreach (var relativePath in State.Files.Keys.ToList())
        {
            if (DayOf(relativePath) is { } day && day < cutoff)
            {
                if (open.TryGetValue(relativePath, out var stream))
                {
                    stream.Dispose();
                    open.Remove(relativePath);
                }

                State.RemoveFile(relativePath);
            }
        }
    }

    private void WriteCheckpoint()
    {
        var temporary = Path.Combine(root, TemporaryFileName);
        var final = Path.Combine(root, CheckpointFileName);
        var bytes = Utf8.GetBytes(State.ToJson());
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }

#if NET
        File.Move(temporary, final, overwrite: true);
#else
        if (File.Exists(final))
        {
            File.Replace(temporary, final, null);
        }
        else
        {
            File.Move(temporary, final);
        }
#endif
    }

    private static DateTime? DayOf(string relativePath) =>
        DateTime.TryParseExact(Path.GetFileNameWithoutExtension(relativePath), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
            ? day
            : null;
}

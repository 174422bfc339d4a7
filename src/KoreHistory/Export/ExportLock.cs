using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KoreHistory.Export;

/// One export at a time per folder. The lock is the operating system's: the lock file is held open with no sharing
/// (Windows share modes; on Linux and macOS .NET takes an exclusive flock for FileShare.None) for as long as the run
/// lasts, and the system releases it when the process ends, however it ends (kill -9, a crash, a reboot). So a lock
/// file left behind by a dead process never blocks: it is not locked any more, whatever it says. What it says (process
/// id, computer, start time; in a file beside it, since a locked file cannot be read everywhere) only names the run
/// that holds it, for the error. The lock file itself stays: deleting it while another run opens it would let two runs
/// hold two different files of the same name.
internal sealed class ExportLock : IDisposable
{
    public const string FileName = ".korehistory-export.lock";
    public const string OwnerFileName = ".korehistory-export.owner";

    private readonly FileStream stream;

    private ExportLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static ExportLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (File.Exists(path))
        {
            throw new ExportLockedException(folder, Holder(Path.Combine(folder, OwnerFileName)), exception);
        }

        try
        {
            using var process = Process.GetCurrentProcess();
            var text = string.Format(CultureInfo.InvariantCulture, "process {0} on {1}, started {2:yyyy-MM-dd'T'HH:mm:ss'Z'}\n", process.Id, Environment.MachineName, DateTime.UtcNow);
            File.WriteAllText(Path.Combine(folder, OwnerFileName), text, new UTF8Encoding(false));
            return new ExportLock(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Dispose() => stream.Dispose();

    // What the owner file says about the run holding the lock.
    private static string Holder(string path)
    {
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader, Encoding.UTF8);
            var line = text.ReadLine();
            return string.IsNullOrWhiteSpace(line) ? "another run" : line!.Trim();
        }
        catch (IOException)
        {
            return "another run";
        }
    }
}

namespace KoreHistory.Export;

/// Another export runs on the same folder.
internal sealed class ExportLockedException : IOException
{
    public ExportLockedException(string folder, string holder, Exception innerException)
        : base($"Another export is running on the folder '{folder}' ({holder}): one export at a time writes a folder. Wait until it ends, or export into another folder. A lock left by a process that has ended does not block: the system releases it with the process.", innerException)
    {
    }
}

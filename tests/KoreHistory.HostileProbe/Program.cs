using System.Diagnostics;
using System.Globalization;
using KoreHistory.HostileProbe;

// dotnet run -c Release --project tests/KoreHistory.HostileProbe [-- row-name-part ...]
// Runs every row of issue 12's table (or the rows whose names contain an argument), each in its own process, and
// prints one line per row: what the read ended with, requests, records, seconds, peak working set.
if (args.Length == 2 && args[0] == Rows.ChildSwitch)
{
    return await Rows.RunChildAsync(args[1]);
}

var selected = Rows.All.Where(row => args.Length == 0 || args.Any(filter => row.Name.Contains(filter, StringComparison.Ordinal))).ToList();
Console.WriteLine($"{"row",-24} {"s",7} {"peak MB",8}  outcome");
foreach (var row in selected)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Rows).Assembly.Location);
    }

    start.ArgumentList.Add(Rows.ChildSwitch);
    start.ArgumentList.Add(row.Name);
    // A bomb must not take the machine with it: the child's GC heap stops at 4 GB (an OutOfMemoryException there).
    start.Environment["DOTNET_GCHeapHardLimit"] = "0x100000000";
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(": ", 2))
        .Where(parts => parts.Length == 2)
        .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    var seconds = values.GetValueOrDefault("seconds", "?");
    var peak = values.TryGetValue("peak-bytes", out var bytes) ? (long.Parse(bytes, CultureInfo.InvariantCulture) / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) : "?";
    var outcome = values.GetValueOrDefault("outcome", $"the child exited with {process.ExitCode}: {output.Trim()}");
    Console.WriteLine($"{row.Name,-24} {seconds,7} {peak,8}  {outcome}");
}

return 0;

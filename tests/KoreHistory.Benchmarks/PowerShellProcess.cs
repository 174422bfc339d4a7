using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace KoreHistory.Benchmarks;

// A fresh pwsh process running one of the scripts under Scripts/ against an emulator: the repository's pinned pwsh
// (`dotnet pwsh`, .config/dotnet-tools.json), started directly as `dotnet <PSHOME>/pwsh.dll` so the process the
// benchmark starts is pwsh itself, not the dotnet CLI in front of it. The built module (out/KoreHistory) is
// rebuilt with `build.ps1 Build` first when it is missing or older than its sources. The scripts print their
// figures as `bench.<name>: <value>` lines; the credentials travel in environment variables, never on a command line.
internal static class PowerShellProcess
{
    private const string FigurePrefix = "bench.";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string[] ModuleSources = ["src/KoreHistory", "src/KoreHistory.Client"];
    private static string[]? command;

    public static string RepositoryRoot { get; } =
        typeof(PowerShellProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public static string ModuleManifest => Path.Combine(RepositoryRoot, "out", "KoreHistory", "KoreHistory.psd1");

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

    // Measure-Read.ps1 with these arguments (see its parameters), against the emulator.
    public static async Task<PowerShellRun> MeasureAsync(EmulatorEndpoint emulator, IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var pwsh = await CommandAsync().ConfigureAwait(false);
        var start = new ProcessStartInfo(pwsh[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in pwsh.Skip(1).Concat(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", Script("Measure-Read.ps1")]).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KORE_BASE_URI"] = emulator.BaseUri.ToString();
        start.Environment["KORE_BOT_ID"] = emulator.BotId;
        start.Environment["KORE_CLIENT_ID"] = emulator.ClientId;
        start.Environment["KORE_CLIENT_SECRET"] = emulator.ClientSecret;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh did not finish within {(timeout ?? TimeSpan.FromMinutes(10)).TotalSeconds} s: {string.Join(' ', arguments)}");
        }

        var text = await output.ConfigureAwait(false);
        var figures = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith(FigurePrefix, StringComparison.Ordinal) && line.Contains(": ", StringComparison.Ordinal))
            .Select(line => line[FigurePrefix.Length..].Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pwsh failed ({process.ExitCode}): {text} {await errors.ConfigureAwait(false)}".Trim());
        }

        return new PowerShellRun(figures);
    }

    // [dotnet, …/pwsh.dll] of the pinned tool, restored first if need be; the module built if it is stale.
    private static async Task<string[]> CommandAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (command is null)
            {
                var resolve = new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "[Environment]::ProcessPath; Join-Path $PSHOME pwsh.dll" };
                var (code, text) = await RunAsync("dotnet", resolve).ConfigureAwait(false);
                if (code != 0)
                {
                    await RunAsync("dotnet", ["tool", "restore"]).ConfigureAwait(false);
                    (code, text) = await RunAsync("dotnet", resolve).ConfigureAwait(false);
                }

                var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (code != 0 || lines.Length < 2 || !File.Exists(lines[^1]))
                {
                    throw new InvalidOperationException($"`dotnet pwsh` (the repository's pinned pwsh) did not start: {text}");
                }

                command = [lines[^2], lines[^1]];
                await EnsureModuleAsync(command).ConfigureAwait(false);
            }

            return command;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task EnsureModuleAsync(string[] pwsh)
    {
        var built = Path.Combine(RepositoryRoot, "out", "KoreHistory", "core", "KoreHistory.dll");
        var sources = ModuleSources
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, folder), "*", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(RepositoryRoot, "KoreHistory.psd1"))
            .Append(Path.Combine(RepositoryRoot, "KoreHistory.psm1"));
        var newestSource = sources.Max(File.GetLastWriteTimeUtc);
        if (File.Exists(built) && File.GetLastWriteTimeUtc(built) >= newestSource)
        {
            Console.WriteLine($"module: {ModuleManifest} (up to date)");
            return;
        }

        Console.WriteLine($"module: {ModuleManifest} is missing or older than its sources: dotnet pwsh ./build.ps1 Build …");
        var (code, text) = await RunAsync(pwsh[0], [.. pwsh.Skip(1), "-NoProfile", "-NonInteractive", "-File", Path.Combine(RepositoryRoot, "build.ps1"), "Build"]).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"build.ps1 Build failed ({code}): {text}");
        }

        Console.WriteLine("module: built");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, output + await errors.ConfigureAwait(false));
    }
}

// The `bench.<name>: <value>` figures one pwsh run printed.
internal sealed class PowerShellRun
{
    private readonly IReadOnlyDictionary<string, string> figures;

    public PowerShellRun(IReadOnlyDictionary<string, string> figures)
    {
        this.figures = figures;
    }

    public double Seconds => Number("seconds");

    public double CpuSeconds => Number("cpu-seconds");

    // The -WarmUp run, timed apart.
    public double WarmUpSeconds => Number("warm-up-seconds");

    public double WarmUpCpuSeconds => Number("warm-up-cpu-seconds");

    public long Objects => (long)Number("objects");

    public long PeakWorkingSetBytes => (long)Number("peak-working-set-bytes");

    public long WorkingSetBeforeBytes => (long)Number("working-set-before-bytes");

    public long CsvBytes => (long)Number("csv-bytes");

    public double Number(string name) =>
        figures.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"The pwsh run printed no bench.{name} (it printed: {string.Join(", ", figures.Keys)}).");
}

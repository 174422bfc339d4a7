using System.Diagnostics;
using KoreHistory.Benchmarks;

// dotnet run -c Release --project tests/KoreHistory.Benchmarks [-- filter ...]
// A filter runs the default scenarios whose names contain it, and an opt-in scenario only when it is its exact name;
// `all` runs every scenario.
if (args.Length >= 1 && args[0] == EmulatorHost.Switch)
{
    return await EmulatorHost.RunAsync(args).ConfigureAwait(false);
}

if (args.Length >= 1 && args[0] == ClientProbe.Switch)
{
    return await ClientProbe.RunChildAsync(args).ConfigureAwait(false);
}

#if DEBUG
Console.WriteLine("warning: a Debug build; run with -c Release for figures worth comparing");
#endif
Console.WriteLine($"cores: {Environment.ProcessorCount}");
Console.WriteLine($"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
var selected = ScenarioRegistry.All.Where(s => Selected(s, args)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"No scenario matches {string.Join(", ", args)}; scenarios: " +
        string.Join(", ", ScenarioRegistry.All.Select(s => s.OptIn ? s.Name + " (opt-in)" : s.Name)));
    return 2;
}

var missed = 0;
var loadBound = new List<string>();
var total = Stopwatch.StartNew();
var firstLoad = MachineLoad.Sample();
foreach (var scenario in selected)
{
    var report = new Report(scenario.Name);
    var before = MachineLoad.Sample();
    report.Machine("load-before", MachineLoad.Describe(before));
    try
    {
        await scenario.RunAsync(report).ConfigureAwait(false);
    }
#pragma warning disable CA1031 // One broken scenario is reported as a missed goal; the others still run.
    catch (Exception e)
#pragma warning restore CA1031
    {
        report.Failed(e);
    }

    var after = MachineLoad.Sample();
    report.Machine("machine", MachineLoad.Describe(before, after));
    if (MachineLoad.Others(before, after) > 0.5)
    {
        loadBound.Add(scenario.Name);
    }

    missed += report.Missed;
}

Console.WriteLine($"benchmark.machine: {MachineLoad.Describe(firstLoad, MachineLoad.Sample())}");
if (loadBound.Count > 0)
{
    Console.WriteLine($"benchmark.load-bound: {string.Join(", ", loadBound)} (other processes used over half a core: rerun these before trusting their wall-clock figures)");
}

Console.WriteLine($"benchmark.total-seconds: {Report.Format(total.Elapsed.TotalSeconds)} s");
Console.WriteLine($"benchmark.goals-missed: {missed}");
return 0;

static bool Selected(IScenario scenario, string[] filters) =>
    filters.Length == 0 ? !scenario.OptIn
    : filters.Any(f => f.Equals("all", StringComparison.OrdinalIgnoreCase)
        || f.Equals(scenario.Name, StringComparison.OrdinalIgnoreCase)
        || (!scenario.OptIn && scenario.Name.Contains(f, StringComparison.OrdinalIgnoreCase)));

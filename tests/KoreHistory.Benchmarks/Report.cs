using System.Globalization;

namespace KoreHistory.Benchmarks;

// Prints one `scenario.name: value unit (naive: …; note; goal …) ok|MISSED` line per figure. A figure with a goal
// ends in ok or MISSED; one without is context (a count, a size) for the figures that have one.
internal sealed class Report
{
    private readonly string scenario;

    public Report(string scenario)
    {
        this.scenario = scenario;
    }

    public int Missed { get; private set; }

    public void Figure(string name, double value, string unit, string? naive = null, string? goal = null, bool? met = null, string? note = null)
    {
        var details = new List<string>();
        if (naive is not null)
        {
            details.Add("naive: " + naive);
        }

        if (note is not null)
        {
            details.Add(note);
        }

        if (goal is not null)
        {
            details.Add("goal " + goal);
        }

        var line = $"{scenario}.{name}: {Format(value)} {unit}".TrimEnd();
        if (details.Count > 0)
        {
            line += " (" + string.Join("; ", details) + ")";
        }

        if (met is { } ok)
        {
            line += ok ? " ok" : " MISSED";
            if (!ok)
            {
                Missed++;
            }
        }

        Console.WriteLine(line);
    }

    // The machine's load beside the figures (MachineLoad.Describe).
    public void Machine(string name, string text) => Console.WriteLine($"{scenario}.{name}: {text}");

    // A scenario that could not finish: its goals are not met.
    public void Failed(Exception exception)
    {
        Missed++;
        Console.WriteLine($"{scenario}.error: {exception.GetType().Name}: {exception.Message} MISSED");
    }

    public static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.00", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace KoreHistory.Benchmarks;

// Prints one `name: value` line per figure, with the naive client's figure, the goal and whether it was met.
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

    public static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", CultureInfo.InvariantCulture)
        : value.ToString("0.00", CultureInfo.InvariantCulture);
}

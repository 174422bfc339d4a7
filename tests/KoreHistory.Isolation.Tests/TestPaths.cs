using System.Reflection;

namespace KoreHistory.IsolationTests;

/// Where the built outputs are (written into this assembly's metadata by the project file).
internal static class TestPaths
{
    public static string ModuleDirectory => Path.GetFullPath(Single("ModuleDirectory"));

    public static string DependencyDirectory => Path.Combine(ModuleDirectory, "dependencies");

    public static string EmulatorPath => Path.GetFullPath(Single("EmulatorPath"));

    public static string ProbePath => Path.GetFullPath(Single("ProbePath"));

    public static IReadOnlyList<string> OlderAssemblies => [.. All("OlderAssembly").Select(Path.GetFullPath)];

    private static IEnumerable<string> All(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Where(a => a.Key == key).Select(a => a.Value!);

    private static string Single(string key) =>
        All(key).SingleOrDefault() ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}

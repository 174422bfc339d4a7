namespace KoreHistory.HelpBuilder;

internal sealed class HelpSourceException(string sourceFile, string problem)
    : Exception($"{Path.GetFileName(sourceFile)}: {problem}");

using System.Text.RegularExpressions;

namespace KoreHistory.ModuleTests;

/// Just enough of a .psd1 reader for the manifest tests: "Key = 'value'" and "Key = @('a', 'b')" / "@()" entries,
/// anywhere in the file (nested hashtables included), comments removed. Keys are unique in our manifest.
internal sealed partial class PowerShellDataFile
{
    private readonly string text;

    private PowerShellDataFile(string text) => this.text = text;

    public static PowerShellDataFile Load(string path) =>
        new(CommentPattern().Replace(File.ReadAllText(path), ""));

    public bool Has(string key) => KeyPattern(key).IsMatch(text);

    public string String(string key)
    {
        var match = Regex.Match(text, $@"(?m)^\s*{Regex.Escape(key)}\s*=\s*'(?<value>[^']*)'");
        return match.Success ? match.Groups["value"].Value : throw new KeyNotFoundException($"'{key}' is not a quoted string in the manifest");
    }

    public IReadOnlyList<string> List(string key)
    {
        var match = Regex.Match(text, $@"(?ms)^\s*{Regex.Escape(key)}\s*=\s*@\((?<items>[^)]*)\)");
        if (!match.Success)
        {
            throw new KeyNotFoundException($"'{key}' is not an @( ) list in the manifest");
        }
        return [.. Regex.Matches(match.Groups["items"].Value, "'(?<item>[^']*)'").Select(m => m.Groups["item"].Value)];
    }

    private static Regex KeyPattern(string key) => new($@"(?m)^\s*{Regex.Escape(key)}\s*=");

    [GeneratedRegex(@"(?m)#.*$")]
    private static partial Regex CommentPattern();
}

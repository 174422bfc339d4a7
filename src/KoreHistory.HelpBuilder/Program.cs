using System.Reflection;
using KoreHistory.HelpBuilder;

// Usage: KoreHistory.HelpBuilder <module assembly> <help source directory> <output MAML file>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: KoreHistory.HelpBuilder <KoreHistory.dll> <help source directory> <output .dll-Help.xml>");
    return 2;
}
try
{
    var assembly = Assembly.LoadFrom(Path.GetFullPath(args[0]));
    var maml = HelpBuild.Build(assembly, args[1]);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[2]))!);
    maml.Save(args[2]);
    Console.WriteLine($"KoreHistory.HelpBuilder: wrote {args[2]}");
    return 0;
}
catch (HelpSourceException e)
{
    // MSBuild shows "error" lines from Exec as build errors.
    Console.Error.WriteLine($"error KH0001: {e.Message}");
    return 1;
}

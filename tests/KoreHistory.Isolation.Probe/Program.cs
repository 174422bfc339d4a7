using System.IdentityModel.Tokens.Jwt;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

// Usage: KoreHistory.Isolation.Probe <other-first|module-first> <module directory> <older assembly path>...
//        KoreHistory.Isolation.Probe without-loader <module directory>
// Environment: KORE_BASE_URI, KORE_BOT_ID, KORE_CLIENT_ID, KORE_CLIENT_SECRET (a running emulator).
// Prints one JSON report on stdout: what was read, and every copy of the watched assemblies with its load context.
if (args.Length == 2 && args[0] == "without-loader")
{
    // Import-Module on the entry assembly alone, no loader registered: the default context must not find the engine.
    try
    {
        Assembly.LoadFrom(Path.Combine(args[1], "KoreHistory.dll")).GetExportedTypes();
        Console.WriteLine("loaded");
    }
    catch (FileNotFoundException e)
    {
        Console.WriteLine("not found: " + e.FileName);
    }
    return 0;
}
if (args.Length < 3 || args[0] is not ("other-first" or "module-first"))
{
    Console.Error.WriteLine("usage: KoreHistory.Isolation.Probe <other-first|module-first> <module directory> <older assembly path>...");
    return 2;
}
var order = args[0];
var moduleDirectory = args[1];
var olderAssemblyPaths = args[2..];

string? olderIssuer = null;
if (order == "other-first")
{
    olderIssuer = UseOlderTokenHandler(olderAssemblyPaths);
}
var sessionIds = ReadThroughTheModule(moduleDirectory);
if (order == "module-first")
{
    olderIssuer = UseOlderTokenHandler(olderAssemblyPaths);
}

var watched = new[]
{
    "KoreHistory", "KoreHistory.Client", "System.IdentityModel.Tokens.Jwt", "Microsoft.IdentityModel.Tokens",
    "Microsoft.IdentityModel.JsonWebTokens", "Microsoft.IdentityModel.Logging", "Microsoft.Extensions.Http", "Polly.Core",
};
var loaded = AssemblyLoadContext.All
    .SelectMany(context => context.Assemblies.Select(assembly => (context, assembly)))
    .Where(pair => watched.Contains(pair.assembly.GetName().Name))
    .Select(pair => new LoadedAssembly(pair.assembly.GetName().Name!, pair.assembly.GetName().Version!.ToString(),
        pair.context.Name ?? "", pair.assembly.Location))
    .ToList();
Console.WriteLine(JsonSerializer.Serialize(new ProbeReport(order, sessionIds, olderIssuer, loaded)));
return 0;

// As Add-Type -Path does: Assembly.LoadFrom, into the default context. Then the older handler writes and reads a token.
static string UseOlderTokenHandler(string[] paths)
{
    foreach (var path in paths)
    {
        Assembly.LoadFrom(path);
    }
    return OlderTokenRoundTrip();
}

// A separate method, so that the JIT binds JwtSecurityTokenHandler only after the older assemblies are loaded.
static string OlderTokenRoundTrip()
{
    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("an older module's signing key of 32+ bytes"));
    var handler = new JwtSecurityTokenHandler();
    var token = handler.WriteToken(new JwtSecurityToken(issuer: "older-module", audience: "probe", expires: DateTime.UtcNow.AddMinutes(5),
        signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256)));
    handler.ValidateToken(token, new TokenValidationParameters
    {
        ValidIssuer = "older-module",
        ValidAudience = "probe",
        IssuerSigningKey = key,
    }, out var validated);
    return ((JwtSecurityToken)validated).Issuer;
}

// As KoreHistory.psm1 and Import-Module do: load the entry assembly by path, register the loader, read every public
// type (Import-Module does, before anything else) and run the IModuleAssemblyInitializer. Then reach the engine the
// way the cmdlets do, through a type their signatures name, and read a page of sessions (the engine mints the JWT
// with its own System.IdentityModel.Tokens.Jwt; the emulator verifies it).
static List<string> ReadThroughTheModule(string moduleDirectory)
{
    var entry = Assembly.LoadFrom(Path.Combine(moduleDirectory, "KoreHistory.dll"));
    entry.GetType("KoreHistory.Loading.ModuleDependencies", throwOnError: true)!.GetMethod("Register")!.Invoke(null, null);
    var initializerType = entry.GetExportedTypes().Single(t => typeof(IModuleAssemblyInitializer).IsAssignableFrom(t));
    ((IModuleAssemblyInitializer)Activator.CreateInstance(initializerType)!).OnImport();

    var connectionType = entry.GetType("KoreHistory.GetKoreSessionCommand", throwOnError: true)!.GetProperty("Connection")!.PropertyType;
    var engine = connectionType.Assembly;
    var credential = engine.GetType("KoreHistory.Client.KoreCredential", throwOnError: true)!
        .GetMethod("FromClientSecret")!.Invoke(null, [Environment("KORE_CLIENT_ID"), Secure(Environment("KORE_CLIENT_SECRET"))]);
    var settings = New(engine, "KoreHistory.Client.KoreConnectionSettings", new()
    {
        ["BaseUri"] = new Uri(Environment("KORE_BASE_URI")),
        ["BotId"] = Environment("KORE_BOT_ID"),
        ["Credential"] = credential,
    });
    using var connection = (IDisposable)Activator.CreateInstance(connectionType, settings)!;
    var query = New(engine, "KoreHistory.Client.KoreSessionQuery", new() { ["PageSize"] = 5 });
    var results = connectionType.GetMethod("GetSessions")!.Invoke(connection, [query, null])!;
    var sessions = (System.Collections.IEnumerable)results.GetType().GetMethod("ToBlockingEnumerable")!.Invoke(results, [CancellationToken.None])!;
    var ids = new List<string>();
    foreach (var session in sessions)
    {
        ids.Add((string)session.GetType().GetProperty("SessionId")!.GetValue(session)!);
        if (ids.Count == 5)
        {
            break;
        }
    }
    return ids;
}

static object New(Assembly engine, string typeName, Dictionary<string, object?> properties)
{
    var type = engine.GetType(typeName, throwOnError: true)!;
    var instance = Activator.CreateInstance(type)!;
    foreach (var (name, value) in properties)
    {
        type.GetProperty(name)!.SetValue(instance, value);
    }
    return instance;
}

static string Environment(string name) =>
    System.Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set.");

static SecureString Secure(string text)
{
    var secure = new SecureString();
    foreach (var c in text)
    {
        secure.AppendChar(c);
    }
    secure.MakeReadOnly();
    return secure;
}

internal sealed record LoadedAssembly(string Name, string Version, string Context, string Location);

internal sealed record ProbeReport(string Order, List<string> SessionIds, string? OlderIssuer, List<LoadedAssembly> Assemblies);

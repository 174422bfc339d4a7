using System.Diagnostics.Tracing;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests.Reliability;

// Connect, both reads, a retried request, failing requests (wrong secret, spent retries, a refused ready-made
// token), with every text the engine produces captured: request logs, wait notices, invalid-id notices, exception
// messages and ToString() (inner exceptions included), the connection's, credential's and settings' ToString(),
// their JSON, and .NET's own System.Net event traces at Verbose. None may hold the client secret, the ready-made
// token, or anything shaped like a JWT (every minted token is one).
public sealed partial class SecretLeakTests : IClassFixture<SmallEmulator>, IDisposable
{
    private readonly SmallEmulator emulator;
    private readonly DateTimeOffset from = SmallEmulator.Now.AddDays(-5);
    private readonly StringBuilder captured = new();

    public SecretLeakTests(SmallEmulator emulator)
    {
        this.emulator = emulator;
        emulator.Server.Faults.Clear();
    }

    public void Dispose() => emulator.Server.Faults.Clear();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")]
    private static partial Regex JwtShape();

    [Fact]
    public async Task No_captured_text_of_a_full_run_holds_the_secret_or_any_token()
    {
        var options = emulator.Server.Options;
        var readyMade = ReadyMadeTokens.Make(options.ClientId, options.ClientSecret, DateTimeOffset.UtcNow.AddHours(1));
        using var trace = new NetTraceCapture(Capture);
        var read = new KoreReadOptions
        {
            OnRequest = log => Capture(log.ToString() + " | " + log.Body + " | " + log.Path + " | " + log.Failure),
            OnWait = wait => Capture(wait.ToString()),
            OnInvalidSessionId = Capture,
        };

        using (var connection = emulator.Connect(s => s.MaxAttempts = 3))
        {
            CaptureObjects(connection);

            // Both reads, with a retried 503 and a 401 answered by a fresh token; an unknown session id.
            emulator.Server.Faults.FailNext(1, FaultKind.ServiceUnavailable503);
            var sessions = await connection.GetSessions(new KoreSessionQuery { From = from }, read).CollectAsync();
            emulator.Server.Faults.FailNext(1, FaultKind.Unauthorized401);
            await connection.GetMessages(new KoreMessageQuery { From = from, PageSize = 25 }, read).CollectAsync();
            await connection.GetMessages(new KoreMessageQuery { SessionIds = [sessions[0].SessionId, "no-such-session"] }, read).CollectAsync();
            Assert.NotEmpty(sessions);

            // Retries that run out: transport, rate limit, unusable body.
            foreach (var kind in new[] { FaultKind.DropConnection, FaultKind.TooManyRequestsNoRetryAfter, FaultKind.HtmlPageWith200 })
            {
                emulator.Server.Faults.FailNext(3, kind);
                await CaptureFailureAsync(connection.GetMessages(new KoreMessageQuery { From = from }, read).CollectAsync());
            }
        }

        using (var wrongSecret = emulator.Connect(credential: KoreCredential.FromClientSecret(options.ClientId, TestSecrets.Secure(options.ClientSecret + "x"))))
        {
            await CaptureFailureAsync(wrongSecret.GetSessions(new KoreSessionQuery { From = from }, read).CollectAsync());
        }

        using (var tokenConnection = emulator.Connect(credential: KoreCredential.FromToken(TestSecrets.Secure(readyMade))))
        {
            CaptureObjects(tokenConnection);
            await tokenConnection.GetSessions(new KoreSessionQuery { From = from }, read).CollectAsync();
            emulator.Server.Faults.FailNext(1, FaultKind.Unauthorized401);
            await CaptureFailureAsync(tokenConnection.GetMessages(new KoreMessageQuery { From = from }, read).CollectAsync());
        }

        var text = Captured();
        Assert.Contains("getMessages", text, StringComparison.Ordinal);
        Assert.Contains("KoreAuthenticationException", text, StringComparison.Ordinal);
        Assert.Contains("KoreTransportException", text, StringComparison.Ordinal);
        Assert.Contains("System.Net.Http/RequestStart", text, StringComparison.Ordinal);
        Assert.DoesNotContain(options.ClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(readyMade, text, StringComparison.Ordinal);
        Assert.DoesNotContain(readyMade.Split('.')[2], text, StringComparison.Ordinal);
        Assert.Empty(JwtShape().Matches(text).Select(m => m.Value));
    }

    [Fact]
    public void The_connection_and_its_settings_serialize_to_json_without_the_secret_or_token()
    {
        var secret = emulator.Server.Options.ClientSecret;
        using var credential = KoreCredential.FromClientSecret("cs-json", TestSecrets.Secure(secret));
        var settings = new KoreConnectionSettings { BaseUri = new Uri("https://bots.kore.ai"), BotId = "st-1", Credential = credential };
        using var connection = new KoreConnection(settings);

        var connectionJson = JsonSerializer.Serialize(connection);
        var settingsJson = JsonSerializer.Serialize(settings);

        Assert.Contains("\"ClientId\":\"cs-json\"", connectionJson, StringComparison.Ordinal);
        Assert.Contains("\"CredentialType\":\"ClientSecret\"", connectionJson, StringComparison.Ordinal);
        Assert.Contains("\"Credential\":{\"ClientId\":\"cs-json\",\"CanMintTokens\":true}", settingsJson, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, connectionJson + settingsJson, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ready_made_token_connection_serializes_without_the_token()
    {
        var token = ReadyMadeTokens.Make("cs-json", "any-secret", DateTimeOffset.UtcNow.AddHours(1));
        using var credential = KoreCredential.FromToken(TestSecrets.Secure(token));
        var settings = new KoreConnectionSettings { BaseUri = new Uri("https://bots.kore.ai"), BotId = "st-1", Credential = credential };
        using var connection = new KoreConnection(settings);

        var json = JsonSerializer.Serialize(connection) + JsonSerializer.Serialize(settings) + connection + credential;

        Assert.Contains("\"CredentialType\":\"Token\"", json, StringComparison.Ordinal);
        Assert.Empty(JwtShape().Matches(json).Select(m => m.Value));
    }

    [Fact]
    public void The_engine_uses_no_file_system_or_registry_api_so_no_secret_can_be_written_to_disk()
    {
        var forbidden = new[]
        {
            "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.Directory", "System.IO.DirectoryInfo",
            "System.IO.StreamWriter", "System.IO.Path", "System.IO.IsolatedStorage", "System.IO.Pipes", "System.IO.MemoryMappedFiles",
            "Microsoft.Win32.Registry", "Microsoft.Win32.RegistryKey", "System.Environment.SetEnvironmentVariable",
        };

        var used = ReferencedNames(typeof(KoreConnection).Assembly);

        Assert.Contains("System.IO.MemoryStream", used);
        Assert.DoesNotContain(used, name => forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void Minted_tokens_expire_within_the_hour_and_no_engine_object_keeps_one_in_a_string_field()
    {
        Assert.True(TokenMinter.Lifetime <= TimeSpan.FromHours(1));
        var holders = new[] { typeof(KoreCredential), typeof(TokenMinter), typeof(AuthHeaderHandler), typeof(KoreApi), typeof(KoreConnection) };
        var stringFields = holders
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => (t, f)))
            .Where(x => x.f.FieldType == typeof(string))
            .Select(x => $"{x.t.Name}.{x.f.Name}")
            .ToList();

        Assert.Equal(["KoreCredential.<ClientId>k__BackingField"], stringFields);
    }

    // Type names and Type.Member names the assembly's IL references (its own and other assemblies').
    private static HashSet<string> ReferencedNames(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeReferences)
        {
            names.Add(TypeName(reader, handle));
        }

        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                names.Add(TypeName(reader, (TypeReferenceHandle)member.Parent) + "." + reader.GetString(member.Name));
            }
        }

        return names;
    }

    private static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var ns = reader.GetString(type.Namespace);
        return (ns.Length == 0 ? "" : ns + ".") + reader.GetString(type.Name);
    }

    private void CaptureObjects(KoreConnection connection)
    {
        Capture(connection.ToString());
        Capture(JsonSerializer.Serialize(connection));
    }

    private async Task CaptureFailureAsync(Task read)
    {
        var error = await Assert.ThrowsAnyAsync<KoreException>(() => read);
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            Capture(e.GetType().FullName + ": " + e.Message);
            Capture(e.ToString());
            foreach (System.Collections.DictionaryEntry entry in e.Data)
            {
                Capture($"{entry.Key}={entry.Value}");
            }
        }
    }

    private void Capture(string? text)
    {
        lock (captured)
        {
            captured.AppendLine(text);
        }
    }

    private string Captured()
    {
        lock (captured)
        {
            return captured.ToString();
        }
    }

    // .NET's own networking traces (System.Net.Http, System.Net.Sockets, ...) at Verbose, as a debug session or
    // dotnet-trace would see them. (Private.InternalDiagnostics.* sources log headers by design, like a packet
    // capture; they are left out.)
    private sealed class NetTraceCapture(Action<string> capture) : EventListener
    {
        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name.StartsWith("System.Net", StringComparison.Ordinal))
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            capture?.Invoke($"{eventData.EventSource.Name}/{eventData.EventName}: {string.Join(", ", eventData.Payload ?? [])} {eventData.Message}");
        }
    }
}

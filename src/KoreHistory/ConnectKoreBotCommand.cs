using System.Collections.Concurrent;
using System.Management.Automation;
using System.Security;
using KoreHistory.Client;

namespace KoreHistory;

/// Connect-KoreBot: checks the credentials with one request (unless -SkipCredentialCheck) and keeps the connection
/// (host, bot or admin-console scope, credentials) for this runspace; says whom it connected to unless -Quiet or
/// -PassThru.
[Cmdlet(VerbsCommunications.Connect, "KoreBot", DefaultParameterSetName = BotClientSecret)]
[OutputType(typeof(KoreConnection))]
public sealed class ConnectKoreBotCommand : PSCmdlet, IDisposable
{
    private const string BotClientSecret = "BotClientSecret";
    private const string BotCredential = "BotCredential";
    private const string BotToken = "BotToken";
    private const string AdminClientSecret = "AdminClientSecret";
    private const string AdminCredential = "AdminCredential";
    private const string AdminToken = "AdminToken";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BotClientSecret)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BotCredential)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BotToken)]
    [ValidateNotNullOrEmpty]
    public string BotId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = AdminClientSecret)]
    [Parameter(Mandatory = true, ParameterSetName = AdminCredential)]
    [Parameter(Mandatory = true, ParameterSetName = AdminToken)]
    public SwitchParameter AdminConsole { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = BotClientSecret)]
    [Parameter(Mandatory = true, ParameterSetName = AdminClientSecret)]
    [ValidateNotNullOrEmpty]
    public string ClientId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = BotClientSecret)]
    [Parameter(Mandatory = true, ParameterSetName = AdminClientSecret)]
    [ValidateNotNull]
    public SecureString? ClientSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = BotCredential)]
    [Parameter(Mandatory = true, ParameterSetName = AdminCredential)]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = BotToken)]
    [Parameter(Mandatory = true, ParameterSetName = AdminToken)]
    [ValidateNotNull]
    public SecureString? Token { get; set; }

    /// The API host; default https://bots.kore.ai. Use -Region for a Kore.ai cloud region instead.
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    [Parameter]
    public KoreRegion Region { get; set; }

    /// Client-side pacing; the Kore.ai cloud allows 60 requests a minute and 1,800 an hour per bot. Raise them
    /// only for an on-premises installation or the emulator configured with higher limits.
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int RequestsPerMinute { get; set; } = 60;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int RequestsPerHour { get; set; } = 1800;

    /// Page requests one read keeps in flight; they share the per-bot pacing above. 1 reads page after page.
    [Parameter]
    [Alias("ThrottleLimit")]
    [ValidateRange(1, KoreConnectionSettings.MaxConcurrentRequestsLimit)]
    public int MaxConcurrentRequests { get; set; } = KoreConnectionSettings.DefaultMaxConcurrentRequests;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// Connects without sending the check request, for scripts that prepare a connection offline.
    [Parameter]
    public SwitchParameter SkipCredentialCheck { get; set; }

    /// Says nothing on success.
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private readonly CancellationTokenSource stopping = new();

    protected override void StopProcessing() => stopping.Cancel();

    public void Dispose() => stopping.Dispose();

    protected override void EndProcessing()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(BaseUri)) && bound.ContainsKey(nameof(Region)))
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Use -BaseUri or -Region, not both: each names the API host."),
                "KoreBaseUriAndRegion", ErrorCategory.InvalidArgument, null));
        }
        KoreConnection connection;
        try
        {
            connection = Connect(bound.ContainsKey(nameof(Region)));
        }
        catch (Exception e) when (e is KoreException or ArgumentException)
        {
            ThrowTerminatingError(KoreErrors.From(e, null));
            return;
        }
        var checkedOrNot = "credentials not checked (-SkipCredentialCheck)";
        if (!SkipCredentialCheck)
        {
            checkedOrNot = Check(connection) ? "credentials checked" : "credentials not checked: the ready-made token carries a jti, so the API accepts it only once";
        }
        ConnectionState.Set(connection, handedToUser: PassThru);
        WriteVerbose($"Connected: {connection}; {checkedOrNot}.");
        if (PassThru)
        {
            WriteObject(connection);
        }
        else if (!Quiet)
        {
            WriteInformation(new HostInformationMessage { Message = $"Connected to {Describe(connection)}; {checkedOrNot}." }, ["PSHOST"]);
        }
    }

    // One request: a refused secret or an unreachable host fails here, clearly, rather than at the first read.
    // False when the engine did not check (a single-use ready-made token).
    private bool Check(KoreConnection connection)
    {
        var lines = new ConcurrentQueue<string>();
        var options = new KoreReadOptions { OnRequest = log => lines.Enqueue(log.ToString()), OnWait = wait => lines.Enqueue(wait.ToString()) };
        bool checkedNow;
        try
        {
            checkedNow = connection.CheckAsync(options, stopping.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            connection.Dispose();
            throw new PipelineStoppedException();
        }
        catch (KoreException e)
        {
            connection.Dispose();
            WriteLines(lines);
            var error = KoreErrors.From(e, null);
            error.ErrorDetails = new ErrorDetails($"Connect-KoreBot could not connect to {Describe(connection)}: {e.Message}")
            {
                RecommendedAction = e is KoreAuthenticationException
                    ? "Check the bot id, client id and secret (or token), and that the app has the API scopes; -SkipCredentialCheck connects without checking."
                    : "Check -BaseUri or -Region and the network; -SkipCredentialCheck connects without checking.",
            };
            ThrowTerminatingError(error);
            return false;
        }
        WriteLines(lines);
        return checkedNow;
    }

    private void WriteLines(ConcurrentQueue<string> lines)
    {
        while (lines.TryDequeue(out var line))
        {
            WriteVerbose(line);
        }
    }

    private static string Describe(KoreConnection connection)
    {
        var scope = connection.AdminConsole
            ? connection.BotId is null ? "the admin console" : $"bot {connection.BotId} through the admin console"
            : $"bot {connection.BotId}";
        var who = connection.ClientId is null ? "a ready-made token" : $"app {connection.ClientId}";
        return $"{scope} at {connection.BaseUri.GetLeftPart(UriPartial.Authority)} as {who}";
    }

    private KoreConnection Connect(bool regionGiven)
    {
        var credential = MakeCredential();
        try
        {
            return new KoreConnection(new KoreConnectionSettings
            {
                BaseUri = BaseUri ?? (regionGiven ? KoreConnectionSettings.BaseUriOf(Region) : KoreConnectionSettings.DefaultBaseUri),
                BotId = AdminConsole ? null : BotId,
                AdminConsole = AdminConsole,
                Credential = credential,
                RequestsPerMinute = RequestsPerMinute,
                RequestsPerHour = RequestsPerHour,
                MaxConcurrentRequests = MaxConcurrentRequests,
            });
        }
        catch
        {
            credential.Dispose();
            throw;
        }
    }

    // The secret goes to the engine as a SecureString: never through a managed string here.
    private KoreCredential MakeCredential() => ParameterSetName switch
    {
        BotToken or AdminToken => KoreCredential.FromToken(Token!),
        BotCredential or AdminCredential => KoreCredential.FromClientSecret(Credential!.UserName, Credential.Password),
        _ => KoreCredential.FromClientSecret(ClientId, ClientSecret!),
    };
}

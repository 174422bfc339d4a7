using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests.Reliability;

// A 20,000-message export with one fault kind injected at random on a share of the requests: the exported ids
// equal the emulator's ground truth exactly (sorted, duplicates kept), and the faults really happened.
public abstract class FaultExportTestsBase : IDisposable
{
    private readonly ExportEmulator emulator;

    protected FaultExportTestsBase(ExportEmulator emulator)
    {
        this.emulator = emulator;
        emulator.Server.Faults.Clear();
        emulator.Server.Stats.Reset();
    }

    protected ExportEmulator Emulator => emulator;

    public void Dispose()
    {
        emulator.Server.Faults.Clear();
        GC.SuppressFinalize(this);
    }

    protected async Task ExportsGroundTruthAsync(FaultKind kind, double rate, TimeSpan? requestTimeout = null)
    {
        var truth = emulator.TruthIds();
        Assert.InRange(truth.Count, 18_000, 22_000);
        using var connection = emulator.Connect(s =>
        {
            s.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            s.MaxRetryWait = TimeSpan.FromSeconds(60);
            s.MaxAttempts = 8;
            s.RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(20);
        });
        var retries = 0;
        var options = new KoreReadOptions { OnRequest = log => { if (log.Attempt > 1) Interlocked.Increment(ref retries); } };
        emulator.Server.Faults.Kinds = [kind];
        emulator.Server.Faults.Rate = rate;

        var exported = await Export.IdsAsync(connection, ExportEmulator.ExportQuery(), options);

        var faults = emulator.Server.Stats.FaultsInjected;
        emulator.Server.Faults.Clear();
        Assert.True(truth.SequenceEqual(exported, StringComparer.Ordinal), Export.Difference(truth, exported));
        Assert.True(faults >= 2, $"only {faults} fault(s) were injected");
        Assert.True(retries >= faults, $"{faults} faults but {retries} retries");
    }
}

// HtmlPageWith200 is not drawn at random here: it is retried once at most, so two on one page end the export by
// design (see Hostile/UnusablePageTests for an export where each page meets one).
public sealed class FaultExportTests(ExportEmulator emulator) : FaultExportTestsBase(emulator), IClassFixture<ExportEmulator>
{
    [Theory]
    [InlineData(FaultKind.TooManyRequestsNoRetryAfter)]
    [InlineData(FaultKind.RateLimitMessageUnderOtherStatus)]
    [InlineData(FaultKind.ServerError500)]
    [InlineData(FaultKind.BadGateway502)]
    [InlineData(FaultKind.ServiceUnavailable503)]
    [InlineData(FaultKind.GatewayTimeout504)]
    [InlineData(FaultKind.DropConnection)]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.Unauthorized401)]
    public Task A_20000_message_export_with_10_percent_faults_equals_the_ground_truth(FaultKind kind) =>
        ExportsGroundTruthAsync(kind, 0.10);

    // A ready-made token cannot be refreshed: the first 401 ends the export with an authentication error, never
    // a short result that looks complete.
    [Fact]
    public async Task A_20000_message_export_with_a_ready_made_token_ends_at_the_first_401_with_an_authentication_error()
    {
        var emulator = Emulator;
        var options = emulator.Server.Options;
        var token = ReadyMadeTokens.Make(options.ClientId, options.ClientSecret, DateTimeOffset.UtcNow.AddHours(1));
        using var connection = emulator.Connect(s => s.RetryBaseDelay = TimeSpan.FromMilliseconds(10), KoreCredential.FromToken(TestSecrets.Secure(token)));
        var results = connection.GetMessages(ExportEmulator.ExportQuery());
        var read = 0;
        emulator.Server.Faults.Kinds = [FaultKind.Unauthorized401];
        emulator.Server.Faults.Rate = 0.10;

        var error = await Assert.ThrowsAsync<KoreAuthenticationException>(async () =>
        {
            await foreach (var _ in results)
            {
                read++;
            }
        });

        emulator.Server.Faults.Clear();
        Assert.Equal(401, error.StatusCode);
        Assert.StartsWith("The API refused the ready-made token", error.Message, StringComparison.Ordinal);
        Assert.Equal(read, results.ItemsRead);
        Assert.True(read < emulator.TruthIds().Count);
        Assert.Equal(1, emulator.Server.Stats.FaultsInjected);
    }
}

// The faults whose wait is long by nature (Retry-After 1 s, an HTTP date 2 s ahead, a timeout) run in their own
// classes, so their waits overlap the other classes' work and the suite stays short.
public sealed class RetryAfterSecondsExportTests(ExportEmulator emulator) : FaultExportTestsBase(emulator), IClassFixture<ExportEmulator>
{
    [Fact]
    public Task A_20000_message_export_with_10_percent_429s_saying_retry_after_seconds_equals_the_ground_truth() =>
        ExportsGroundTruthAsync(FaultKind.TooManyRequestsRetryAfterSeconds, 0.10);
}

public sealed class RetryAfterDateExportTests(ExportEmulator emulator) : FaultExportTestsBase(emulator), IClassFixture<ExportEmulator>
{
    [Fact]
    public Task A_20000_message_export_with_10_percent_429s_giving_an_http_date_equals_the_ground_truth() =>
        ExportsGroundTruthAsync(FaultKind.TooManyRequestsRetryAfterDate, 0.10);
}

// The Timeout fault never answers: each costs one RequestTimeout (1 s here).
public sealed class TimeoutExportTests(ExportEmulator emulator) : FaultExportTestsBase(emulator), IClassFixture<ExportEmulator>
{
    [Fact]
    public Task A_20000_message_export_with_10_percent_timeouts_equals_the_ground_truth() =>
        ExportsGroundTruthAsync(FaultKind.Timeout, 0.10, TimeSpan.FromSeconds(1));
}

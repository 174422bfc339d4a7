using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KoreHistory.Emulator;

/// A running emulator: Kestrel serving the Kore.ai history API over generated data.
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly JwtAuthenticator auth;
    private readonly RateLimiter limiter;
    private readonly HistoryService history;
    private Task? live;
    private int disposed;

    private EmulatorServer(EmulatorOptions options, EmulatorData data, WebApplication app)
    {
        Options = options;
        Data = data;
        this.app = app;
        Stats = new EmulatorStats();
        Faults = new FaultInjector(options.Seed, options.FaultRate, options.FaultKinds);
        auth = new JwtAuthenticator(options.AllApps());
        limiter = new RateLimiter(options);
        history = new HistoryService(data);
        BaseUri = new Uri("http://127.0.0.1/");
    }

    /// e.g. http://127.0.0.1:41234 (the port Kestrel actually bound).
    public Uri BaseUri { get; private set; }
    public EmulatorOptions Options { get; }
    public EmulatorData Data { get; }
    public EmulatorStats Stats { get; }
    public FaultInjector Faults { get; }

    /// Messages the live mode has written so far (0 when it is off).
    public long LiveMessagesWritten => liveWriter?.Written ?? 0;

    private LiveWriter? liveWriter;

    /// Forgets the rate-limit history (for tests that need a fresh budget).
    public void ResetRateLimits() => limiter.Reset();

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var now = DateTimeOffset.FromUnixTimeMilliseconds((options.Now ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds());
        Func<DateTimeOffset> clock = options.Now is null ? () => DateTimeOffset.UtcNow : () => now;
        var data = new EmulatorData(options, now, clock);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>(), ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Warnings go to stderr so stdout carries only the start-up banner that scripts parse.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A start-up failure (address in use, bad URL) is reported once, as EmulatorListenException, not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        var server = new EmulatorServer(options, data, app);
        server.MapRoutes();
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            // Kestrel's IOException already says "Failed to bind to address …: address already in use."
            throw new EmulatorListenException(
                e is IOException
                    ? $"{e.Message} Give another port with --urls (port 0 picks a free one)."
                    : $"Cannot listen on {options.Urls}: {e.Message}",
                e);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        if (options.Live.IsOn)
        {
            server.liveWriter = new LiveWriter(data, options.Live, options.BotId, options.Seed);
            server.live = Task.Run(() => server.liveWriter.RunAsync(server.stopping.Token), CancellationToken.None);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await stopping.CancelAsync().ConfigureAwait(false);
        if (live is not null) await live.ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private void MapRoutes()
    {
        app.Map("/api/public/bot/{botId}/getSessions", (HttpContext c, string botId) => Handle(c, EmulatorRoutes.BotSessions, botId, Api.Sessions));
        app.Map("/api/public/bot/{botId}/getMessages", (HttpContext c, string botId) => Handle(c, EmulatorRoutes.BotMessages, botId, Api.Messages));
        app.Map("/api/public/bot/{botId}/getMessagesV2", (HttpContext c, string botId) => Handle(c, EmulatorRoutes.BotMessagesV2, botId, Api.MessagesV2));
        app.Map("/api/public/getSessions", (HttpContext c) => Handle(c, EmulatorRoutes.AdminSessions, null, Api.Sessions));
        app.Map("/api/public/getMessages", (HttpContext c) => Handle(c, EmulatorRoutes.AdminMessages, null, Api.Messages));
        // Not part of Kore's API: what the emulator holds, for tests to compare an export with (see the README).
        app.MapGet("/emulator/ground-truth", (HttpContext c) => GroundTruthAsync(c));
    }

    // {"botId","clock","sessions":[[id, start_time]…],"messages":[[_id, createdOn, sessionId]…]}: a bot's every session and
    // message, the live mode's too, with ISO times to the millisecond. ?botId= (default: the main bot).
    private async Task GroundTruthAsync(HttpContext context)
    {
        var botId = context.Request.Query["botId"].ToString();
        if (botId.Length == 0) botId = Options.BotId;
        if (!Data.BotIds.Contains(botId))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var (sessions, messages) = Data.GroundTruth(botId);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("botId", botId);
            json.WriteString("clock", Iso(Data.Clock));
            json.WriteStartArray("sessions");
            foreach (var (id, start) in sessions)
            {
                json.WriteStartArray();
                json.WriteStringValue(id);
                json.WriteStringValue(Iso(start));
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("messages");
            foreach (var (id, time, sessionId) in messages)
            {
                json.WriteStartArray();
                json.WriteStringValue(id);
                json.WriteStringValue(Iso(time));
                json.WriteStringValue(sessionId);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private enum Api { Sessions, Messages, MessagesV2 }

    private sealed record Answer(int Status, byte[] Body, int? RetryAfterSeconds = null);

    private async Task Handle(HttpContext context, string route, string? botId, Api api)
    {
        Stats.CountRequest(route);
        var request = context.Request;
        var ct = context.RequestAborted;
        var allowed = api == Api.Sessions ? HttpMethods.IsPost(request.Method) : HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method);
        if (!allowed)
        {
            context.Response.Headers.Allow = api == Api.Sessions ? "POST" : "GET, POST";
            await ApiError.MethodNotAllowed.WriteAsync(context.Response, ct).ConfigureAwait(false);
            return;
        }
        if (Options.LatencyMs > 0) await Task.Delay(Options.LatencyMs, ct).ConfigureAwait(false);

        var fault = Faults.Next();
        if (fault is { } kind)
        {
            Stats.CountFault();
            if (kind != FaultKind.TruncatedBody)
            {
                await FaultResponses.WriteAsync(context, kind, stopping.Token).ConfigureAwait(false);
                return;
            }
        }

        var answer = await AnswerAsync(context, botId, api, ct).ConfigureAwait(false);
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = "application/json; charset=utf-8";
        if (answer.RetryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentLength = answer.Body.Length;
        if (fault == FaultKind.TruncatedBody)
        {
            await response.Body.WriteAsync(answer.Body.AsMemory(0, answer.Body.Length / 2), ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            // Let the half body reach the socket before closing: an immediate abort would discard it unsent.
            await Task.Delay(100, ct).ConfigureAwait(false);
            context.Abort();
            return;
        }
        await response.Body.WriteAsync(answer.Body, ct).ConfigureAwait(false);
    }

    // Order of checks: auth (401), rate limit (429), arguments (412), then the data.
    private async Task<Answer> AnswerAsync(HttpContext context, string? botId, Api api, CancellationToken ct)
    {
        var (app, authError) = auth.Authenticate(context.Request.Headers["auth"].ToString());
        if (app is null) return Error(authError ?? ApiError.InvalidCredentials);
        var mayRead = botId is null
            ? app.IsAdmin
            : Data.BotIds.Contains(botId) && (app.IsAdmin || app.Bots.Contains(botId));
        if (!mayRead) return Error(ApiError.InvalidCredentials);
        if (!(api == Api.Sessions ? app.SessionsScope : app.MessagesScope)) return Error(ApiError.WrongScope);

        // Limits are per bot; the admin routes (no bot in the path) share one "admin" budget.
        if (limiter.TryAcquire(botId ?? "admin") is { } limited)
        {
            Stats.CountTooManyRequests();
            return new Answer(429, limited.Error.Body(), limited.RetryAfterSeconds);
        }

        try
        {
            var args = await RequestArgs.ReadAsync(context.Request, ct).ConfigureAwait(false);
            var isGet = HttpMethods.IsGet(context.Request.Method);
            byte[] body = api == Api.Sessions
                ? history.Sessions(SessionQuery.Parse(args, Data.Clock, Options.Platform), botId)
                : history.Messages(MessageQuery.Parse(args, Data.Clock, isGet, api == Api.MessagesV2, Options.Platform), botId);
            Stats.CountSuccess();
            return new Answer(200, body);
        }
        catch (ApiValidationException e)
        {
            return Error(ApiError.Validation(e.Message));
        }
    }

    private static Answer Error(ApiError error) => new(error.Status, error.Body());
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace KoreHistory.Client.Tests.RealTenants;

// Issue 11's stub: a server that answers every getSessions and getMessages with fixed sample answers shaped like those
// of Kore's published pages (the seed pages document no sessionId filter on getSessions; their POST getMessages sample
// is a message of session 5cadbefc6a81a71559f6bece of 2019-04-10). Whatever it is asked, the client writes nothing of
// another session, and says what it could not find.
public sealed class SampleAnswerTests : IAsyncLifetime
{
    private const string SampleSession = "5cadbefc6a81a71559f6bece";

    // Two sessions of February 2020, neither of them asked for.
    private const string Sessions = """
        {"total":2,"moreAvailable":false,"sessions":[
          {"sessionId":"5e43b0c00000000000000a01","botId":"st-sample","channel":"rtm","userId":"u-sample-1",
           "start_time":"2020-02-12T08:10:08.000Z","end_time":"2020-02-12T08:30:00.000Z","session_lang":["en"],
           "tags":{"userTags":[],"sessionTags":[]}},
          {"sessionId":"5e43ac000000000000000a02","botId":"st-sample","channel":"ivrVoice","userId":"u-sample-2",
           "start_time":"2020-02-12T07:49:52.000Z","end_time":"2020-02-12T07:49:53.000Z","session_lang":["en"],
           "tags":{"userTags":[],"sessionTags":[]}}]}
        """;

    // One message of the sample session, later than the dates the user asks for.
    private const string Messages = """
        {"total":1,"moreAvailable":false,"messages":[
          {"_id":"ms-sample-0001","type":"incoming","status":"sent to cs","createdOn":"2019-04-10T10:21:45.106Z",
           "channels":[{"type":"rtm"}],"isBB":0,"ms":1,"channel":"rtm","sessionId":"5cadbefc6a81a71559f6bece",
           "components":[{"_id":"cp-sample-0001","cT":"text","data":{"text":"23"},"thumbnails":[]}]}]}
        """;

    private WebApplication app = null!;
    private Uri baseUri = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/api/public/bot/{bot}/getSessions", () => Microsoft.AspNetCore.Http.Results.Text(Sessions, "application/json"));
        app.MapPost("/api/public/bot/{bot}/getMessages", () => Microsoft.AspNetCore.Http.Results.Text(Messages, "application/json"));
        await app.StartAsync();
        baseUri = new Uri(app.Urls.First());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private KoreConnection Connect() => new(new KoreConnectionSettings
    {
        BaseUri = baseUri,
        BotId = "st-sample",
        Credential = KoreCredential.FromClientSecret("cs-sample", TestSecrets.Secure("sample-secret-0123456789abcdef0123456789")),
        MaxAttempts = 1,
    });

    [Fact]
    public async Task The_messages_of_a_session_with_dates_come_from_its_id_alone_without_a_look_up()
    {
        using var connection = Connect();
        var log = new TenantLog();

        var messages = await connection.GetMessages(
            new KoreMessageQuery { SessionIds = [SampleSession], From = new DateTimeOffset(2019, 4, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2019, 4, 7, 0, 0, 0, TimeSpan.Zero) },
            log.Options).CollectAsync();

        Assert.Equal(SampleSession, Assert.Single(messages).SessionId);
        Assert.Equal(0, log.Count("/getSessions"));
        Assert.Empty(log.InvalidSessionIds);
    }

    [Fact]
    public async Task Sessions_by_id_that_the_answer_does_not_hold_are_reported_and_no_other_session_is_written()
    {
        using var connection = Connect();
        var log = new TenantLog();

        var sessions = await connection.GetSessions(new KoreSessionQuery { SessionIds = [SampleSession] }, log.Options).CollectAsync();

        Assert.Empty(sessions);
        Assert.Equal([SampleSession], log.InvalidSessionIds);
        Assert.Contains("ignores the sessionId filter", Assert.Single(log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_of_another_session_stop_the_read_before_any_is_written()
    {
        using var connection = Connect();
        var written = new List<KoreMessage>();

        var error = await Assert.ThrowsAsync<KoreResponseException>(async () =>
        {
            await foreach (var message in connection.GetMessages(new KoreMessageQuery
            {
                SessionIds = ["5e43b0c00000000000000a01"],
                From = new DateTimeOffset(2020, 2, 12, 0, 0, 0, TimeSpan.Zero),
                To = new DateTimeOffset(2020, 2, 13, 0, 0, 0, TimeSpan.Zero),
            }))
            {
                written.Add(message);
            }
        });

        Assert.Empty(written);
        Assert.Contains($"session {SampleSession}, which was not asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_id_without_dates_is_looked_for_by_date_and_reported_when_the_answers_do_not_hold_it()
    {
        using var connection = Connect();
        var log = new TenantLog();

        var messages = await connection.GetMessages(new KoreMessageQuery { SessionIds = [SampleSession] }, log.Options).CollectAsync();

        Assert.Empty(messages);
        Assert.Equal([SampleSession], log.InvalidSessionIds);
        Assert.Equal(0, log.Count("/getMessages"));
        // One by id, then one by date within an hour of the id's time (2019-04-10T10:01:32Z).
        Assert.Equal(2, log.Count("/getSessions"));
        Assert.Contains("\"dateFrom\":\"2019-04-10T09:01:32.000Z\"", log.Requests[1].Body, StringComparison.Ordinal);
    }
}

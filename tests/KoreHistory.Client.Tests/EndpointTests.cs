namespace KoreHistory.Client.Tests;

// The endpoint descriptions (KoreEndpoints) decide paths, page sizes, refusals and parsers: what a read does per
// endpoint follows from them, and an endpoint added as one more description gets the same treatment.
public sealed class EndpointTests : IClassFixture<ReadingEmulator>
{
    // A hypothetical endpoint, as a new one would be added: bot route only, its own maximum, chosen by a switch.
    private static readonly KoreEndpoint<KoreMessage> MessagesLite = new(
        "messages-lite", "api/public/bot/{0}/messages-lite", adminPath: null, 500, 200, "UseMessagesLite", PageParser.Messages);

    private readonly ReadingEmulator emulator;

    public EndpointTests(ReadingEmulator emulator)
    {
        this.emulator = emulator;
    }

    [Fact]
    public void A_page_size_past_an_endpoints_maximum_is_refused_naming_that_maximum()
    {
        var sessions = Assert.Throws<KoreValidationException>(new KoreSessionQuery { PageSize = KoreEndpoints.Sessions.MaxPageSize + 1 }.Validate);
        var v2 = Assert.Throws<KoreValidationException>(new KoreMessageQuery { UseMessagesV2 = true, PageSize = KoreEndpoints.MessagesV2.MaxPageSize + 1 }.Validate);

        Assert.Equal("PageSize must be between 1 and 1000; it was 1001.", sessions.Message);
        Assert.Equal("PageSize must be between 1 and 10000; it was 10001.", v2.Message);
        Assert.Equal("PageSize", v2.ParameterName);
    }

    [Fact]
    public void A_page_size_another_endpoint_takes_is_refused_with_the_switch_that_chooses_it()
    {
        var error = Assert.Throws<KoreValidationException>(() => KoreEndpoints.Messages.CheckPageSize(300, [KoreEndpoints.Messages, MessagesLite, KoreEndpoints.MessagesV2]));

        Assert.Equal(
            "PageSize must be between 1 and 100 for getMessages; it was 300. Set UseMessagesLite to read up to 500 a request through messages-lite.",
            error.Message);
        Assert.Equal("PageSize", error.ParameterName);
    }

    [Fact]
    public void A_page_size_within_the_maximum_passes_and_a_default_is_the_endpoints()
    {
        MessagesLite.CheckPageSize(500, []);
        KoreEndpoints.MessagesV2.CheckPageSize(1, []);

        Assert.Equal(KoreEndpoints.Messages.DefaultPageSize, new KoreMessageQuery().PageSize);
        Assert.Equal(KoreEndpoints.MessagesV2.DefaultPageSize, new KoreMessageQuery { UseMessagesV2 = true }.PageSize);
        Assert.Equal(KoreEndpoints.Sessions.DefaultPageSize, new KoreSessionQuery().PageSize);
    }

    [Fact]
    public void Each_endpoint_has_its_bot_route_and_the_admin_route_where_it_has_one()
    {
        Assert.Equal("api/public/bot/st-a_1/getSessions", KoreEndpoints.Sessions.PathFor("st-a_1"));
        Assert.Equal("api/public/getSessions", KoreEndpoints.Sessions.PathFor(null));
        Assert.Equal("api/public/bot/st-a_1/getMessages", KoreEndpoints.Messages.PathFor("st-a_1"));
        Assert.Equal("api/public/getMessages", KoreEndpoints.Messages.PathFor(null));
        Assert.Equal("api/public/bot/st-a_1/getMessagesV2", KoreEndpoints.MessagesV2.PathFor("st-a_1"));
        Assert.False(KoreEndpoints.MessagesV2.HasAdminRoute);
        Assert.Throws<InvalidOperationException>(() => KoreEndpoints.MessagesV2.PathFor(null));
    }

    [Fact]
    public void An_endpoint_without_an_admin_route_refuses_a_read_of_every_bot_naming_its_switch()
    {
        KoreEndpoints.Messages.CheckScope(null);
        MessagesLite.CheckScope("st-1");

        var error = Assert.Throws<KoreValidationException>(() => MessagesLite.CheckScope(null));

        Assert.Equal("UseMessagesLite reads one bot: messages-lite has no admin-console route. Give a bot id (BotId) or read without UseMessagesLite.", error.Message);
        Assert.Equal("UseMessagesLite", error.ParameterName);
    }

    [Fact]
    public void An_admin_console_connection_reads_v2_through_the_bot_route_of_the_bot_its_query_names()
    {
        var otherBot = emulator.Data.BotIds[1];
        var from = ReadingEmulator.Now.AddDays(-3);
        using var connection = emulator.ConnectAdmin();
        var log = new RequestRecorder();

        var messages = connection.GetMessages(new KoreMessageQuery { BotId = otherBot, From = from, To = ReadingEmulator.Now, UseMessagesV2 = true }, log.Options)
            .ToBlockingEnumerable()
            .ToList();

        Assert.NotEmpty(messages);
        Assert.All(log.Entries, e => Assert.Equal($"/api/public/bot/{otherBot}/getMessagesV2", e.Path));
        Assert.All(log.Entries, e => Assert.Contains("\"limit\":10000,", e.Body, StringComparison.Ordinal));
    }

    [Fact]
    public void V2_without_a_bot_is_refused_before_its_dates_are_looked_at_and_before_any_request()
    {
        using var connection = emulator.ConnectAdmin();
        var log = new RequestRecorder();

        // From alone reaching back 20 years would be refused too, but only once the scope is known to be readable.
        var error = Assert.Throws<KoreValidationException>(() =>
            connection.GetMessages(new KoreMessageQuery { UseMessagesV2 = true, From = ReadingEmulator.Now.AddYears(-20) }, log.Options));

        Assert.Equal("UseMessagesV2", error.ParameterName);
        Assert.Empty(log.Entries);
    }
}

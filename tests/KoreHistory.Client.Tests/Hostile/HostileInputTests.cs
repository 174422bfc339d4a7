namespace KoreHistory.Client.Tests.Hostile;

// Issue 12, "-BotId .. or .", "-From 0001-01-01 -To 0001-01-02" and "https://user:pass@host": refused as Kore
// argument errors before anything is sent, and a password in a URI is never echoed.
public sealed class HostileInputTests
{
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("st-..")]
    [InlineData("st-")]
    [InlineData("bot-1")]
    [InlineData("st-1.2")]
    public async Task A_bot_id_without_kore_ais_shape_is_refused_before_any_request(string botId)
    {
        await using var server = HostileServer.Start(HostileResponders.EmptyPage);

        var fromSettings = Assert.Throws<KoreValidationException>(() => HostileConnections.Connect(server.BaseUri, s => s.BotId = botId));
        using var connection = HostileConnections.Connect(server.BaseUri);
        var fromQuery = Assert.Throws<KoreValidationException>(() => connection.GetMessages(new KoreMessageQuery { BotId = botId }));
        var fromSessionQuery = Assert.Throws<KoreValidationException>(() => connection.GetSessions(new KoreSessionQuery { BotId = botId }));

        Assert.All(new[] { fromSettings, fromQuery, fromSessionQuery }, error =>
        {
            Assert.Equal("BotId", error.ParameterName);
            Assert.Equal($"BotId '{botId}' is malformed: a bot id is st- followed by letters, digits, - and _ (as the bot's General Settings page shows it, e.g. st-c68c3e8f-c88e-541c-bd3b-a624f3e113f7).", error.Message);
        });
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("st-c68c3e8f-c88e-541c-bd3b-a624f3e113f7")]
    [InlineData("st-x")]
    [InlineData("st-region_test")]
    public async Task A_bot_id_of_kore_ais_shape_reaches_its_own_route(string botId)
    {
        await using var server = HostileServer.Start(HostileResponders.EmptyPage);
        using var connection = HostileConnections.Connect(server.BaseUri, s => s.BotId = botId);

        await connection.GetMessages(HostileConnections.Query()).CollectAsync();

        Assert.Equal($"/api/public/bot/{botId}/getMessages", Assert.Single(server.Received).Path);
    }

    [Theory]
    [InlineData(1, 1, 1, 1, 1, 2, "From", "0001-01-01T00:00:00.000Z")]
    [InlineData(2009, 12, 31, 2010, 1, 2, "From", "2009-12-31T00:00:00.000Z")]
    [InlineData(9998, 12, 30, 9999, 1, 1, "To", "9999-01-01T00:00:00.000Z")]
    public async Task Dates_before_the_api_or_past_the_calendar_are_argument_errors_before_any_request(
        int fromYear, int fromMonth, int fromDay, int toYear, int toMonth, int toDay, string parameter, string shown)
    {
        await using var server = HostileServer.Start(HostileResponders.EmptyPage);
        using var connection = HostileConnections.Connect(server.BaseUri);
        var from = new DateTimeOffset(fromYear, fromMonth, fromDay, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(toYear, toMonth, toDay, 0, 0, 0, TimeSpan.Zero);

        var messages = Assert.Throws<KoreValidationException>(() => connection.GetMessages(new KoreMessageQuery { From = from, To = to }));
        var sessions = Assert.Throws<KoreValidationException>(() => connection.GetSessions(new KoreSessionQuery { From = from, To = to }));

        Assert.All(new[] { messages, sessions }, error =>
        {
            Assert.Equal(parameter, error.ParameterName);
            Assert.Equal($"{parameter} ({shown}) is out of range: Kore.ai keeps no history from before 2010-01-01, and dates from year 9999 on cannot be read. Give a date between 2010-01-01 and 9998-12-31.", error.Message);
        });
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task An_end_alone_before_the_api_is_an_argument_error_rather_than_an_overflow()
    {
        await using var server = HostileServer.Start(HostileResponders.EmptyPage);
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = Assert.Throws<KoreValidationException>(() => connection.GetMessages(new KoreMessageQuery { To = new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero) }));

        Assert.Equal("To", error.ParameterName);
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("https://user:pa55word@platform.kore.ai")]
    [InlineData("http://user:pa55word@127.0.0.1:5080/")]
    [InlineData("https://pa55word@platform.kore.ai")]
    public void A_base_uri_with_user_info_is_refused_without_echoing_it(string uri)
    {
        var parsed = Assert.Throws<KoreValidationException>(() => KoreConnectionSettings.ParseBaseUri(uri));
        var connected = Assert.Throws<KoreValidationException>(() => HostileConnections.Connect(new Uri(uri)));

        Assert.All(new[] { parsed, connected }, error =>
        {
            Assert.Equal("BaseUri", error.ParameterName);
            Assert.Equal("BaseUri must not carry a user name or password (the part before @): Kore.ai authenticates with the app's client id and secret. Give the host alone.", error.Message);
        });
    }

    [Fact]
    public void A_host_with_an_at_sign_that_is_no_uri_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<KoreValidationException>(() => KoreConnectionSettings.ParseBaseUri("user:pa55 word@host name"));

        Assert.DoesNotContain("pa55", error.Message, StringComparison.Ordinal);
    }
}

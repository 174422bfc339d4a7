using System.Text;

namespace KoreHistory.Client.Tests.Hostile;

// Issue 12, "a lone surrogate escape in one message" and "ANSI escape sequences in the API's error text": one bad
// character changes that value, not the export; an error body that cannot be read still makes a Kore error with the
// status and the path; nothing a server sends can drive the terminal an error is shown on.
public sealed class LenientTextTests
{
    [Fact]
    public async Task A_lone_surrogate_in_one_message_becomes_a_replacement_character_and_the_export_goes_on()
    {
        await using var server = HostileServer.Start(HostileResponders.PagesWithOneText(300, 150, "\"a cut emoji \\ud83d here\""));
        using var connection = HostileConnections.Connect(server.BaseUri);

        var messages = await connection.GetMessages(HostileConnections.Query()).CollectAsync();

        Assert.Equal(300, messages.Count);
        var cut = messages[150];
        Assert.Equal("a cut emoji \uFFFD here", cut.Text);
        Assert.Contains("\\ufffd", cut.Raw.ToString(), StringComparison.Ordinal);
        Assert.All(messages.Where(m => m != cut), m => Assert.Equal("hello", m.Text));
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_error_body_still_gives_the_kore_error_with_status_and_path()
    {
        await using var server = HostileServer.Start(HostileResponders.Status(400, HostilePages.Error("\"bad argument \\udc00\"", 412)));
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreValidationException>(() => connection.GetMessages(HostileConnections.Query()).CollectAsync());

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(412, error.KoreCode);
        Assert.Equal("bad argument \uFFFD", error.ApiMessage);
        Assert.Equal($"/api/public/bot/{HostilePages.BotId}/getMessages", error.Path);
    }

    [Theory]
    [InlineData("<html><body>Bad Gateway</body></html>")]
    [InlineData("{\"errors\":[{\"msg\":\"cut off")]
    [InlineData("{\"errors\":[{\"msg\":\"\u00ff\u00fe\"}]}")]
    [InlineData("")]
    public async Task An_error_body_that_cannot_be_read_still_gives_the_kore_error_with_status_and_path(string body)
    {
        await using var server = HostileServer.Start(exchange => exchange.SendAsync(409, "text/html", Encoding.Latin1.GetBytes(body)));
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreResponseException>(() => connection.GetMessages(HostileConnections.Query()).CollectAsync());

        Assert.Equal(409, error.StatusCode);
        Assert.Equal($"/api/public/bot/{HostilePages.BotId}/getMessages", error.Path);
        Assert.StartsWith("The API answered with an unexpected status. HTTP 409.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_and_escape_sequences_in_the_apis_error_text_never_reach_the_message()
    {
        var text = "\"\\u001b[31mbad\\u001b[0m argument\\u0007\\u001b]0;owned\\u0007 \\u202eetirw\\r\\nnext line\"";
        await using var server = HostileServer.Start(HostileResponders.Status(400, HostilePages.Error(text, 412)));
        using var connection = HostileConnections.Connect(server.BaseUri);

        var error = await Assert.ThrowsAsync<KoreValidationException>(() => connection.GetMessages(HostileConnections.Query()).CollectAsync());

        Assert.Equal("bad argument etirw  next line", error.ApiMessage);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c) || c == '\u202e');
        Assert.Contains("The API said: \"bad argument etirw  next line\".", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("\u001b[1;31mred\u001b[0m", "red")]
    [InlineData("a\u001b7b\u001bc", "ab")]
    [InlineData("title\u001b]2;x\u001b\\ after", "title after")]
    [InlineData("tab\there", "tab here")]
    [InlineData("c1\u009b31mred", "c1red")]
    [InlineData("bell\u0007 and nul\u0000", "bell and nul")]
    [InlineData("\u2066isolate\u2069", "isolate")]
    public void Server_text_keeps_what_is_printable_and_drops_the_rest(string text, string expected)
    {
        Assert.Equal(expected, ServerText.Printable(text));
    }

    [Theory]
    [InlineData("\"\\ud83d\"", "\"\\ufffd\"")]
    [InlineData("\"\\udc00x\"", "\"\\ufffdx\"")]
    [InlineData("\"\\ud83d\\ude00\"", "\"\\ud83d\\ude00\"")]
    [InlineData("\"\\ud83d\\u0041\"", "\"\\ufffd\\u0041\"")]
    [InlineData("\"\\\\ud83d\"", "\"\\\\ud83d\"")]
    [InlineData("\"\\\\\\ud83d\"", "\"\\\\\\ufffd\"")]
    [InlineData("\"\\ud83d\\ud83d\\ude00\"", "\"\\ufffd\\ud83d\\ude00\"")]
    [InlineData("\"end \\ud8", "\"end \\ud8")]
    public void Lone_surrogate_escapes_are_rewritten_in_place_and_pairs_are_kept(string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        JsonRead.RepairLoneSurrogates(bytes);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_a_message_read_as_replacement_characters()
    {
        var page = Encoding.UTF8.GetBytes(HostilePages.Messages(1, false, [new HostileMessage("ms-1", HostileResponders.Epoch, "\"a#b\"")]));
        page[Array.IndexOf(page, (byte)'#')] = 0xFF;

        var message = Assert.Single(PageParser.Messages(page).Items);

        Assert.Equal("a\uFFFDb", message.Text);
    }
}

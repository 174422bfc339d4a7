using System.Net;
using System.Text.Json.Nodes;

namespace KoreHistory.Emulator.Tests;

/// Every rejected request answers 412 with Kore's envelope, code 412 and a message naming the field.
[Collection(SharedEmulator.Name)]
public sealed class ValidationTests : SharedEmulatorTests
{
    public ValidationTests(EmulatorFixture fixture) : base(fixture) { }

    private static void AssertRejected(ApiResponse r, string field)
    {
        Assert.Equal(HttpStatusCode.PreconditionFailed, r.Status);
        Assert.Equal(412, r.ErrorCode);
        Assert.StartsWith("Validation errors/ Invalid arguments", r.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(field, r.ErrorMessage, StringComparison.Ordinal);
    }

    private static void AssertOk(ApiResponse r) => Assert.True(r.Status == HttpStatusCode.OK, $"{r.Status}: {r.Body}");

    [Theory]
    [InlineData("2026/06/10")]
    [InlineData("10-06-2026")]
    [InlineData("2026-06-10T10:00:00+02:00")]
    [InlineData("2026-06-10T10:00:00")]
    [InlineData("2026-06-10 10:00:00Z")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    [InlineData("")]
    public async Task Bad_dates_are_rejected_on_both_apis(string text)
    {
        AssertRejected(await Api.Sessions(new { dateFrom = text, dateTo = "2026-06-12" }), "dateFrom");
        AssertRejected(await Api.Sessions(new { dateFrom = "2026-06-10", dateTo = text }), "dateTo");
        AssertRejected(await Api.Messages(new { dateFrom = text, dateTo = "2026-06-12" }), "dateFrom");
        AssertRejected(await Api.Messages(new { dateFrom = "2026-06-10", dateTo = text }), "dateTo");
    }

    [Fact]
    public async Task A_date_that_is_not_a_string_is_rejected()
    {
        AssertRejected(await Api.Sessions(Json.Body(("dateFrom", 20260610))), "dateFrom");
    }

    [Theory]
    [InlineData("2026-06-10", "2026-06-12")]
    [InlineData("2026-06-10T10:00:00Z", "2026-06-12T10:00:00Z")]
    [InlineData("2026-06-10T10:00:00.5Z", "2026-06-12T10:00:00.25Z")]
    [InlineData("2026-06-10T10:00:00.123Z", "2026-06-12T10:00:00.999Z")]
    [InlineData("2026-06-10", "2026-06-12T10:00:00.000Z")]
    public async Task Both_documented_date_formats_are_accepted(string from, string to)
    {
        AssertOk(await Api.Sessions(new { dateFrom = from, dateTo = to }));
        AssertOk(await Api.Messages(new { dateFrom = from, dateTo = to }));
    }

    [Fact]
    public async Task A_window_of_seven_days_is_rejected_and_seven_days_minus_one_millisecond_is_accepted()
    {
        var from = new DateTimeOffset(2026, 6, 8, 12, 0, 0, TimeSpan.Zero);
        var exactly7 = new { dateFrom = Json.Iso(from), dateTo = Json.Iso(from.AddDays(7)) };
        var almost7 = new { dateFrom = Json.Iso(from), dateTo = Json.Iso(from.AddDays(7).AddMilliseconds(-1)) };
        AssertRejected(await Api.Sessions(exactly7), "7 days");
        AssertRejected(await Api.Messages(exactly7), "7 days");
        AssertRejected(await Api.Sessions(new { dateFrom = "2026-06-01", dateTo = "2026-06-12" }), "7 days");
        AssertOk(await Api.Sessions(almost7));
        AssertOk(await Api.Messages(almost7));
        AssertOk(await Api.MessagesV2(almost7));
    }

    [Fact]
    public async Task DateTo_before_dateFrom_is_rejected()
    {
        AssertRejected(await Api.Sessions(new { dateFrom = "2026-06-12", dateTo = "2026-06-10" }), "dateTo");
        AssertRejected(await Api.Messages(new { dateFrom = "2026-06-12T00:00:00.001Z", dateTo = "2026-06-12T00:00:00.000Z" }), "dateTo");
    }

    [Theory]
    [InlineData("dateFrom")]
    [InlineData("dateTo")]
    public async Task MsgId_cannot_be_combined_with_a_date(string dateField)
    {
        var msgId = Server.Data.Messages(Api.BotId).First().MessageId;
        var r = await Api.Messages(Json.Body(("msgId", msgId), (dateField, "2026-06-10")));
        AssertRejected(r, "msgId");
    }

    [Fact]
    public async Task Get_without_userId_is_rejected_and_post_without_userId_is_accepted()
    {
        AssertRejected(await Api.MessagesGet(""), "userId");
        AssertRejected(await Api.MessagesGet("?channelType=rtm&limit=10"), "userId");
        AssertRejected(await Api.Send(HttpMethod.Get, Api.MessagesV2Path, null, Tokens.Demo(Server)), "userId");
        AssertOk(await Api.Messages(new { }));
        AssertOk(await Api.Messages(null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task Message_limit_outside_1_to_100_is_rejected(int limit)
    {
        AssertRejected(await Api.Messages(new { limit }), "limit");
        AssertRejected(await Api.MessagesGet($"?userId=u-1&limit={limit}"), "limit");
    }

    [Fact]
    public async Task Limit_bounds_are_inclusive_per_api()
    {
        AssertOk(await Api.Messages(new { limit = 1 }));
        AssertOk(await Api.Messages(new { limit = 100 }));
        AssertOk(await Api.Sessions(new { limit = 1000 }));
        AssertRejected(await Api.Sessions(new { limit = 1001 }), "limit");
        AssertRejected(await Api.Sessions(new { limit = 0 }), "limit");
        AssertOk(await Api.MessagesV2(new { limit = 10_000 }));
        AssertRejected(await Api.MessagesV2(new { limit = 10_001 }), "limit");
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("[10]")]
    public async Task Limit_that_is_not_an_integer_is_rejected(string json)
    {
        AssertRejected(await Api.Messages($"{{\"limit\":{json}}}"), "limit");
        AssertRejected(await Api.Sessions($"{{\"limit\":{json}}}"), "limit");
    }

    [Fact]
    public async Task Numbers_sent_as_strings_are_accepted()
    {
        var r = await Api.Messages(new { limit = "5", skip = "2" });
        AssertOk(r);
        Assert.Equal(5, r.Json.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Negative_skip_or_offset_is_rejected()
    {
        AssertRejected(await Api.Sessions(new { skip = -1 }), "skip");
        AssertRejected(await Api.Messages(new { skip = -5 }), "skip");
        AssertRejected(await Api.Messages(new { offset = -1 }), "offset");
        AssertRejected(await Api.MessagesGet("?userId=u-1&skip=-1"), "skip");
        AssertOk(await Api.Messages(new { skip = 0 }));
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("RTM")]
    [InlineData("web")]
    public async Task Unknown_channelType_is_rejected(string channel)
    {
        AssertRejected(await Api.Messages(new { channelType = channel }), "channelType");
        AssertRejected(await Api.MessagesGet($"?userId=u-1&channelType={channel}"), "channelType");
    }

    [Theory]
    [InlineData("msteams")]
    [InlineData("ivrVoice")]
    [InlineData("korevg")]
    [InlineData("smartassist")]
    [InlineData("rcs")]
    public async Task Documented_channelTypes_are_accepted(string channel)
    {
        AssertOk(await Api.Messages(new { channelType = channel }));
    }

    [Theory]
    [InlineData("chatty")]
    [InlineData("Interactive")]
    [InlineData("noninteractive")]
    public async Task Unknown_sessionType_is_rejected(string type)
    {
        AssertRejected(await Api.Sessions(new { sessionType = type }), "sessionType");
    }

    [Theory]
    [InlineData("dropoff")]
    [InlineData("bot")]
    public async Task Unknown_containmentType_is_rejected(string type)
    {
        AssertRejected(await Api.Sessions(new { }, query: $"?containmentType={type}"), "containmentType");
    }

    [Fact]
    public async Task More_than_50_session_ids_are_rejected_and_50_are_accepted()
    {
        var fifty = Enumerable.Range(0, 50).Select(i => $"{i:x24}").ToArray();
        var fiftyOne = fifty.Append("ffffffffffffffffffffffff").ToArray();
        AssertOk(await Api.Sessions(new { sessionId = fifty }));
        AssertOk(await Api.Messages(new { sessionId = fifty }));
        AssertRejected(await Api.Sessions(new { sessionId = fiftyOne }), "sessionId");
        AssertRejected(await Api.Messages(new { sessionId = fiftyOne }), "sessionId");
        // Duplicates count toward the 50.
        AssertRejected(await Api.Sessions(new { sessionId = Enumerable.Repeat(fifty[0], 51).ToArray() }), "sessionId");
    }

    [Fact]
    public async Task SessionId_that_is_not_strings_is_rejected()
    {
        AssertRejected(await Api.Sessions("{\"sessionId\":[1,2]}"), "sessionId");
        AssertRejected(await Api.Messages("{\"sessionId\":{\"id\":\"x\"}}"), "sessionId");
        AssertRejected(await Api.Messages("{\"sessionId\":[]}"), "sessionId");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("\"true\"")]
    [InlineData("\"false\"")]
    public async Task Forward_accepts_booleans_and_their_strings(string json)
    {
        AssertOk(await Api.Messages($"{{\"forward\":{json}}}"));
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("\"\"")]
    public async Task Forward_rejects_anything_else(string json)
    {
        AssertRejected(await Api.Messages($"{{\"forward\":{json}}}"), "forward");
    }

    [Fact]
    public async Task Direction_must_be_an_integer()
    {
        var msgId = Server.Data.Messages(Api.BotId).First().MessageId;
        AssertRejected(await Api.Messages(new { msgId, direction = "backwards" }), "direction");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public async Task A_body_that_is_not_a_json_object_is_rejected(string body)
    {
        AssertRejected(await Api.Sessions(body), "body");
        AssertRejected(await Api.Messages(body), "body");
    }

    [Fact]
    public async Task UserId_must_be_a_non_empty_string()
    {
        AssertRejected(await Api.Sessions(Json.Body(("userId", 42))), "userId");
        AssertRejected(await Api.Messages(new { userId = "" }), "userId");
    }

    public static TheoryData<string> BadTags() => new()
    {
        "{\"tags\":[]}",
        "{\"tags\":{}}",
        "{\"tags\":{\"and\":[],\"or\":[]}}",
        "{\"tags\":{\"xor\":[{\"name\":\"tier\",\"values\":[\"gold\"],\"type\":\"user\"}]}}",
        "{\"tags\":{\"and\":[]}}",
        "{\"tags\":{\"and\":[{\"values\":[\"gold\"],\"type\":\"user\"}]}}",
        "{\"tags\":{\"and\":[{\"name\":\"tier\",\"type\":\"user\"}]}}",
        "{\"tags\":{\"and\":[{\"name\":\"tier\",\"values\":[],\"type\":\"user\"}]}}",
        "{\"tags\":{\"and\":[{\"name\":\"tier\",\"values\":[\"gold\"],\"type\":\"bot\"}]}}",
        "{\"tags\":{\"and\":[{\"name\":\"tier\",\"values\":[\"gold\"]}]}}",
    };

    [Theory]
    [MemberData(nameof(BadTags))]
    public async Task Malformed_tag_filters_are_rejected(string body)
    {
        AssertRejected(await Api.Messages(body), "tags");
        AssertRejected(await Api.Sessions(body), "tags");
    }

    [Fact]
    public async Task Message_tags_are_not_a_session_filter()
    {
        var tags = JsonNode.Parse("{\"and\":[{\"name\":\"intent\",\"values\":[\"CheckBalance\"],\"type\":\"message\"}]}");
        AssertRejected(await Api.Sessions(Json.Body(("tags", tags))), "tags");
        AssertOk(await Api.Messages(Json.Body(("tags", tags))));
    }

    [Fact]
    public async Task Unknown_parameters_are_ignored()
    {
        AssertOk(await Api.Sessions(new { includeMeta = false, somethingNew = 1 }));
        AssertOk(await Api.Messages(new { includeTraceId = true }));
    }
}

using System.Text;

namespace KoreHistory.Client.Tests;

// Pages recorded in the shape of the Kore documentation samples (seeds) and the emulator.
public sealed class MappingTests
{
    private const string MessagesPage = """
        {
          "total": 2,
          "moreAvailable": true,
          "messages": [
            {
              "_id": "ms-e172a1b29a492cd2",
              "type": "outgoing",
              "status": "pending",
              "lmodifiedOn": "2019-04-01T13:25:58.512Z",
              "createdBy": "u-dfb0a15a6afa4c74d",
              "channels": [ { "type": "rcs" } ],
              "components": [
                { "_id": "cp-4fb6ebdd586531", "cT": "text",
                  "data": { "text": "Thanks! Don’t worry, \"quoted\" and\nnew line" }, "thumbnails": [] }
              ],
              "botId": "st-fe76e115e94c",
              "orgId": "o-5a64a58cd43460c3",
              "isBB": 1,
              "ms": 1,
              "chnl": "rcs",
              "createdOn": "2019-04-01T13:25:58.515Z",
              "timestampValue": 1554125158515,
              "__v": 0,
              "resourceid": "messagestore",
              "sessionId": "5cadbefc6a81a71559f6bece",
              "lang": "en",
              "someFieldFromTheFuture": { "nested": [1, 2, 3] },
              "tags": {
                "messageTags": [ { "name": "intent", "value": "CheckBalance" } ],
                "userTags": [ { "value": "+919346804623", "name": "RCSID" }, { "name": "tier", "value": "gold" } ],
                "sessionTags": []
              },
              "traceId": "tr-123"
            },
            {
              "_id": "ms-2",
              "type": "outgoing",
              "createdBy": "u-1",
              "createdOn": "2019-04-01T13:25:59.000Z",
              "channel": "msteams",
              "components": [
                { "cT": "text", "data": { "text": "{\"type\":\"template\",\"payload\":{\"template_type\":\"button\",\"text\":\"Pick one\",\"buttons\":[{\"title\":\"A\"}]}}" } },
                { "cT": "image", "data": { "text": "https://example.test/a.png" } }
              ]
            }
          ]
        }
        """;

    private const string SessionsPage = """
        {"total":3,"moreAvailable":false,"sessions":[
          {"sessionId":"5e43acb58c8ae94f1250e014","botId":"st-c68c","channel":"rtm","userId":"u-b7a2",
           "start_time":"2020-02-12T07:43:49.041Z","end_time":"2020-02-12T09:10:49.082Z","session_lang":["en","de"],
           "sessionType":"interactive","containmentType":"selfService","isDeveloper":false,"sessionStatus":"closed",
           "tags":{"userTags":[{"name":"tier","value":"gold"}],"sessionTags":[{"name":"campaign","value":"spring"}],"altText":[]},
           "noOfMessagesExchanged":12,"noOfTasksExecuted":"2","newThing":true},
          {"sessionId":"s2","botId":"st-c68c","channel":"ivrVoice","userId":"u-c9d0","start_time":"2020-02-12T07:20:21.105Z",
           "end_time":null,"session_lang":[],"sessionStatus":"active","tags":{"userTags":[],"sessionTags":[]}}
        ],"invalidSessions":["nope"]}
        """;

    [Fact]
    public void A_message_maps_to_flat_typed_properties()
    {
        var page = PageParser.Messages(Encoding.UTF8.GetBytes(MessagesPage));
        var message = page.Items[0];

        Assert.Equal(2, page.Total);
        Assert.True(page.MoreAvailable);
        Assert.True(page.HasMoreAfter(0));
        Assert.Equal("ms-e172a1b29a492cd2", message.MessageId);
        Assert.Equal("5cadbefc6a81a71559f6bece", message.SessionId);
        Assert.Equal("st-fe76e115e94c", message.BotId);
        Assert.Equal("u-dfb0a15a6afa4c74d", message.UserId);
        Assert.Equal("Outgoing", message.Direction);
        Assert.Equal(new DateTime(2019, 4, 1, 13, 25, 58, 515, DateTimeKind.Utc), message.Time);
        Assert.Equal(DateTimeKind.Utc, message.Time.Kind);
        Assert.Equal("2019-04-01T13:25:58.515Z", KoreUtcTime.Format(message.Time));
        Assert.Equal("rcs", message.Channel);
        Assert.Equal("pending", message.Status);
        Assert.Equal("en", message.Language);
        Assert.Equal("Thanks! Don’t worry, \"quoted\" and\nnew line", message.Text);
        Assert.Equal("text", message.ContentTypes);
        Assert.Equal("intent=CheckBalance", message.MessageTags.ToString());
        Assert.Equal("RCSID=+919346804623; tier=gold", message.UserTags.ToString());
        Assert.Equal("gold", message.UserTags["tier"]);
        Assert.Equal("", message.SessionTags.ToString());
        Assert.Equal("tr-123", message.TraceId);
        Assert.Equal("cp-4fb6ebdd586531", message.Components[0].Id);
    }

    [Fact]
    public void Raw_keeps_every_field_exactly_as_sent_including_unknown_ones()
    {
        var message = PageParser.Messages(Encoding.UTF8.GetBytes(MessagesPage)).Items[0];

        var raw = message.Raw.ToString();

        Assert.StartsWith("{", raw, StringComparison.Ordinal);
        Assert.EndsWith("}", raw, StringComparison.Ordinal);
        Assert.Contains("\"someFieldFromTheFuture\": { \"nested\": [1, 2, 3] }", raw, StringComparison.Ordinal);
        Assert.Equal("{ \"nested\": [1, 2, 3] }", message.Raw.GetFieldJson("someFieldFromTheFuture"));
        Assert.Contains("resourceid", message.Raw.FieldNames);
        using var document = message.Raw.ToJsonDocument();
        Assert.Equal("ms-e172a1b29a492cd2", document.RootElement.GetProperty("_id").GetString());
    }

    [Fact]
    public void A_template_is_summarised_not_printed_as_json_and_components_join()
    {
        var message = PageParser.Messages(Encoding.UTF8.GetBytes(MessagesPage)).Items[1];

        Assert.Equal("[button template] Pick one\n[image] https://example.test/a.png", message.Text);
        Assert.Equal("text, image", message.ContentTypes);
        Assert.Equal("msteams", message.Channel);
        Assert.Equal("2019-04-01T13:25:59.000Z", KoreUtcTime.Format(message.Time));
        Assert.StartsWith("{\"type\":\"template\"", message.Components[0].Data, StringComparison.Ordinal);
        Assert.Equal("text: [button template] Pick one | image: [image] https://example.test/a.png", message.Components.ToString());
    }

    [Fact]
    public void A_session_maps_to_flat_typed_properties_tolerating_drifted_types()
    {
        var page = PageParser.Sessions(Encoding.UTF8.GetBytes(SessionsPage));
        var session = page.Items[0];

        Assert.Equal(3, page.Total);
        Assert.False(page.MoreAvailable);
        Assert.Equal(new[] { "nope" }, page.InvalidSessionIds);
        Assert.Equal("5e43acb58c8ae94f1250e014", session.SessionId);
        Assert.Equal("st-c68c", session.BotId);
        Assert.Equal("u-b7a2", session.UserId);
        Assert.Equal("rtm", session.Channel);
        Assert.Equal("2020-02-12T07:43:49.041Z", KoreUtcTime.Format(session.StartTime));
        Assert.Equal("2020-02-12T09:10:49.082Z", KoreUtcTime.Format(session.EndTime!.Value));
        Assert.Equal(DateTimeKind.Utc, session.StartTime.Kind);
        Assert.Equal("en, de", session.Languages);
        Assert.Equal("interactive", session.SessionType);
        Assert.Equal("selfService", session.ContainmentType);
        Assert.Equal("closed", session.Status);
        Assert.False(session.IsDeveloper);
        Assert.Equal(12, session.MessageCount);
        Assert.Equal(2, session.TaskCount);
        Assert.Equal("tier=gold", session.UserTags.ToString());
        Assert.Equal("campaign=spring", session.SessionTags.ToString());
        Assert.Contains("\"newThing\":true", session.Raw.ToString(), StringComparison.Ordinal);
        Assert.Null(page.Items[1].EndTime);
        Assert.Equal("active", page.Items[1].Status);
    }

    [Fact]
    public void Every_public_property_of_the_models_prints_a_value_not_a_type_name()
    {
        var message = PageParser.Messages(Encoding.UTF8.GetBytes(MessagesPage)).Items[0];
        var session = PageParser.Sessions(Encoding.UTF8.GetBytes(SessionsPage)).Items[0];

        foreach (var item in new object[] { message, session })
        {
            foreach (var property in item.GetType().GetProperties())
            {
                var text = property.GetValue(item)?.ToString() ?? "";
                Assert.DoesNotContain("KoreHistory.", text, StringComparison.Ordinal);
                Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("{\"total\":5,\"messages\":[{\"_id\":\"a\"},{\"_id\":\"b\"}]}", 0, true)]
    [InlineData("{\"total\":5,\"messages\":[{\"_id\":\"a\"},{\"_id\":\"b\"}]}", 3, false)]
    // moreAvailable: false short of the total is followed up (a server that caps limit silently; the reader bounds it).
    [InlineData("{\"total\":5,\"moreAvailable\":false,\"messages\":[{\"_id\":\"a\"}]}", 0, true)]
    [InlineData("{\"total\":5,\"moreAvailable\":false,\"messages\":[{\"_id\":\"a\"}]}", 4, false)]
    [InlineData("{\"total\":5,\"moreAvailable\":true,\"messages\":[]}", 0, false)]
    public void Paging_follows_moreAvailable_and_falls_back_to_the_total_when_it_is_missing(string body, int skip, bool more)
    {
        Assert.Equal(more, PageParser.Messages(Encoding.UTF8.GetBytes(body)).HasMoreAfter(skip));
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"total\":1,\"moreAvailable\":false}")]
    [InlineData("{\"total\":1,\"messages\":[{\"_id\":\"a\"}, 5]}")]
    public void A_page_that_is_not_the_documented_shape_is_a_response_error(string body)
    {
        Assert.Throws<KoreResponseException>(() => PageParser.Messages(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void An_error_body_is_read_with_msg_or_message()
    {
        Assert.Equal("Invalid SDK credentials", KoreErrorBody.Parse(Encoding.UTF8.GetBytes("{\"errors\":[{\"msg\":\"Invalid SDK credentials\",\"code\":4002}]}")).Message);
        var other = KoreErrorBody.Parse(Encoding.UTF8.GetBytes("{\"errors\":[{\"message\":\"Permission denied. Scope is incorrect!\",\"code\":4002}]}"));
        Assert.Equal("Permission denied. Scope is incorrect!", other.Message);
        Assert.Equal(4002, other.Code);
        Assert.Null(KoreErrorBody.Parse(Encoding.UTF8.GetBytes("<html>")).Message);
    }

    [Fact]
    public void Utc_times_convert_to_datetime_and_compare_with_local_times()
    {
        KoreUtcTime time = new DateTimeOffset(2026, 11, 21, 13, 59, 0, TimeSpan.Zero);
        DateTime asDateTime = time;

        Assert.Equal(DateTimeKind.Utc, asDateTime.Kind);
        Assert.Equal("2026-11-21T13:59:00.000Z", time.ToString());
        Assert.Equal(0, time.CompareTo(new DateTimeOffset(2026, 11, 21, 15, 59, 0, TimeSpan.FromHours(2))));
        Assert.True(time < (KoreUtcTime)new DateTime(2026, 11, 21, 14, 0, 0, DateTimeKind.Utc));
        Assert.Equal("2026-11-21", time.ToString("yyyy-MM-dd", null));
    }
}

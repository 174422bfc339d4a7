namespace KoreHistory.Client.Tests;

public sealed class QueryValidationTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_start_after_its_end_is_refused_with_both_dates_in_the_message()
    {
        var query = new KoreMessageQuery { From = Day.AddDays(2), To = Day };

        var error = Assert.Throws<KoreValidationException>(query.Validate);

        Assert.Equal("From", error.ParameterName);
        Assert.Contains("2026-11-03T00:00:00.000Z", error.Message, StringComparison.Ordinal);
        Assert.Contains("2026-11-01T00:00:00.000Z", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public void A_session_query_with_start_after_end_is_refused()
    {
        Assert.Throws<KoreValidationException>(new KoreSessionQuery { From = Day, To = Day.AddHours(-1) }.Validate);
    }

    [Fact]
    public void A_message_id_with_dates_is_refused()
    {
        var error = Assert.Throws<KoreValidationException>(new KoreMessageQuery { MessageId = "ms-1", From = Day }.Validate);

        Assert.Equal("MessageId", error.ParameterName);
    }

    [Fact]
    public void A_direction_without_a_message_id_is_refused()
    {
        Assert.Throws<KoreValidationException>(new KoreMessageQuery { Direction = KoreDirection.Backward }.Validate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_message_page_size_out_of_range_is_refused(int pageSize)
    {
        var error = Assert.Throws<KoreValidationException>(new KoreMessageQuery { PageSize = pageSize }.Validate);

        Assert.Contains("between 1 and 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_sizes_default_to_the_maximum()
    {
        Assert.Equal(100, new KoreMessageQuery().PageSize);
        Assert.Equal(1000, new KoreSessionQuery().PageSize);
        Assert.Throws<KoreValidationException>(new KoreSessionQuery { PageSize = 1001 }.Validate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc def")]
    [InlineData("abc\n")]
    [InlineData("a\"b")]
    public void Empty_or_malformed_session_ids_are_refused(string id)
    {
        var error = Assert.Throws<KoreValidationException>(new KoreMessageQuery { SessionIds = ["5e43acb58c8ae94f1250e014", id] }.Validate);

        Assert.Equal("SessionIds", error.ParameterName);
    }

    [Fact]
    public void An_empty_list_of_session_ids_is_refused()
    {
        Assert.Throws<KoreValidationException>(new KoreSessionQuery { SessionIds = [] }.Validate);
    }

    [Fact]
    public void A_malformed_user_id_is_refused()
    {
        Assert.Throws<KoreValidationException>(new KoreSessionQuery { UserId = "u 1" }.Validate);
        Assert.Throws<KoreValidationException>(new KoreMessageQuery { UserId = "" }.Validate);
    }

    [Fact]
    public void Unknown_enum_values_are_refused_naming_the_valid_ones()
    {
        var error = Assert.Throws<KoreValidationException>(new KoreSessionQuery { SessionType = (KoreSessionType)9 }.Validate);
        Assert.Contains("Interactive, NonInteractive", error.Message, StringComparison.Ordinal);

        Assert.Throws<KoreValidationException>(new KoreSessionQuery { ContainmentType = (KoreContainmentType)9 }.Validate);
        Assert.Throws<KoreValidationException>(new KoreMessageQuery { MessageId = "m1", Direction = (KoreDirection)7 }.Validate);
        Assert.Throws<KoreValidationException>(new KoreMessageQuery
        {
            Tags = new KoreTagFilter { Conditions = [new KoreTagCondition("tier", ["gold"], (KoreTagType)5)] },
        }.Validate);
    }

    [Fact]
    public void An_unknown_channel_is_refused_and_a_known_one_in_any_case_is_accepted()
    {
        var error = Assert.Throws<KoreValidationException>(new KoreMessageQuery { ChannelType = "pigeon" }.Validate);
        Assert.Contains("msteams", error.Message, StringComparison.Ordinal);

        new KoreMessageQuery { ChannelType = "IVRVOICE" }.Validate();
        Assert.Contains("korevg", KoreChannelTypes.All);
    }

    [Fact]
    public void Session_ids_cannot_be_combined_with_filters_the_api_would_ignore()
    {
        var error = Assert.Throws<KoreValidationException>(new KoreSessionQuery { SessionIds = ["s1"], UserId = "u1", From = Day }.Validate);

        Assert.Contains("UserId, From", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_filter_needs_named_conditions_with_values()
    {
        Assert.Throws<KoreValidationException>(new KoreMessageQuery { Tags = new KoreTagFilter() }.Validate);
        Assert.Throws<KoreValidationException>(new KoreMessageQuery
        {
            Tags = new KoreTagFilter { Conditions = [new KoreTagCondition("", ["x"])] },
        }.Validate);
        Assert.Throws<KoreValidationException>(new KoreMessageQuery
        {
            Tags = new KoreTagFilter { Conditions = [new KoreTagCondition("tier", [])] },
        }.Validate);
    }

    [Fact]
    public void A_valid_query_passes()
    {
        new KoreMessageQuery
        {
            SessionIds = ["5e43acb58c8ae94f1250e014"],
            UserId = "u-b7a2c3ff-efde-59f0-a95f-ee02d1f4c231",
            From = Day,
            To = Day.AddDays(40),
            ChannelType = "rtm",
            Tags = new KoreTagFilter { Match = KoreTagMatch.Any, Conditions = [new KoreTagCondition("tier", ["gold", "silver"])] },
        }.Validate();
    }
}

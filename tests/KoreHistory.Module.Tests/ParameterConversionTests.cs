using System.Collections;
using System.Collections.Specialized;
using KoreHistory.Client;

namespace KoreHistory.ModuleTests;

/// How the cmdlets turn bound parameter values into the engine's query: times and tag hashtables. These helpers use
/// no PowerShell runtime member, so they run here for real.
public sealed class ParameterConversionTests
{
    [Fact]
    public void A_time_without_a_kind_is_read_as_local_time()
    {
        var typed = new DateTime(2026, 5, 1, 10, 30, 0, DateTimeKind.Unspecified);
        var expected = new DateTimeOffset(DateTime.SpecifyKind(typed, DateTimeKind.Local)).ToUniversalTime();
        var utc = TimeParameter.ToUtc(typed)!.Value;
        Assert.Equal(expected.UtcDateTime, utc.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Fact]
    public void A_local_time_becomes_the_same_instant_in_UTC()
    {
        var local = new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Local);
        Assert.Equal(local.ToUniversalTime(), TimeParameter.ToUtc(local)!.Value.UtcDateTime);
    }

    [Fact]
    public void A_UTC_time_is_kept_as_it_is()
    {
        var utc = new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(utc), TimeParameter.ToUtc(utc));
        Assert.Null(TimeParameter.ToUtc(null));
    }

    [Fact]
    public void Tag_hashtables_become_one_condition_per_name_with_their_type_and_match()
    {
        var filter = TagParameters.ToFilter(KoreTagMatch.Any,
            (new Hashtable { ["tier"] = "gold" }, KoreTagType.User),
            (new OrderedDictionary { ["campaign"] = new object[] { "spring", "summer" }, ["resolved"] = true }, KoreTagType.Session),
            (null, KoreTagType.Message))!;
        Assert.Equal(KoreTagMatch.Any, filter.Match);
        Assert.Equal(
            ["user:tier in (gold)", "session:campaign in (spring, summer)", "session:resolved in (True)"],
            filter.Conditions.Select(c => c.ToString()));
    }

    [Fact]
    public void No_tag_parameters_mean_no_tag_filter()
    {
        Assert.Null(TagParameters.ToFilter(KoreTagMatch.All, (null, KoreTagType.User), (null, KoreTagType.Session)));
    }

    [Fact]
    public void Numbers_in_tag_values_are_written_invariantly()
    {
        var filter = TagParameters.ToFilter(KoreTagMatch.All, (new Hashtable { ["score"] = 1.5 }, KoreTagType.Message))!;
        Assert.Equal(["1.5"], Assert.Single(filter.Conditions).Values);
    }

    [Fact]
    public void A_piped_KoreUtcTime_or_DateTimeOffset_binds_as_the_same_UTC_instant()
    {
        var instant = new DateTimeOffset(2026, 11, 21, 13, 49, 56, 945, TimeSpan.FromHours(2));
        var fromSession = Assert.IsType<DateTime>(TimeTransformationAttribute.Convert(new KoreUtcTime(instant)));
        Assert.Equal(DateTimeKind.Utc, fromSession.Kind);
        Assert.Equal(instant.UtcDateTime, fromSession);
        Assert.Equal(instant.UtcDateTime, TimeTransformationAttribute.Convert(instant));
        Assert.Null(TimeTransformationAttribute.Convert("2026-11-21"));
        Assert.Null(TimeTransformationAttribute.Convert(null));
    }
}

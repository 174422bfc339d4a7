using System.Collections;
using System.Collections.Specialized;
using KoreHistory.Client;

namespace KoreHistory.ModuleTests;

/// How the cmdlets turn bound parameter values into the engine's query: times and tag hashtables. These helpers use
/// no PowerShell runtime member, so they run here for real.
public sealed class ParameterConversionTests
{
    [Fact]
    public void ATimeWithoutAKindIsReadAsLocalTime()
    {
        var typed = new DateTime(2026, 5, 1, 10, 30, 0, DateTimeKind.Unspecified);
        var expected = new DateTimeOffset(DateTime.SpecifyKind(typed, DateTimeKind.Local)).ToUniversalTime();
        var utc = TimeParameter.ToUtc(typed)!.Value;
        Assert.Equal(expected.UtcDateTime, utc.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Fact]
    public void ALocalTimeBecomesTheSameInstantInUtc()
    {
        var local = new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Local);
        Assert.Equal(local.ToUniversalTime(), TimeParameter.ToUtc(local)!.Value.UtcDateTime);
    }

    [Fact]
    public void AUtcTimeIsKeptAsItIs()
    {
        var utc = new DateTime(2026, 11, 21, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTimeOffset(utc), TimeParameter.ToUtc(utc));
        Assert.Null(TimeParameter.ToUtc(null));
    }

    [Fact]
    public void TagHashtablesBecomeOneConditionPerNameWithTheirTypeAndMatch()
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
    public void NoTagParametersMeanNoTagFilter()
    {
        Assert.Null(TagParameters.ToFilter(KoreTagMatch.All, (null, KoreTagType.User), (null, KoreTagType.Session)));
    }

    [Fact]
    public void NumbersInTagValuesAreWrittenInvariantly()
    {
        var filter = TagParameters.ToFilter(KoreTagMatch.All, (new Hashtable { ["score"] = 1.5 }, KoreTagType.Message))!;
        Assert.Equal(["1.5"], Assert.Single(filter.Conditions).Values);
    }

    [Fact]
    public void APipedKoreUtcTimeOrDateTimeOffsetBindsAsTheSameUtcInstant()
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

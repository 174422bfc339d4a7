using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;

namespace KoreHistory.Client.Tests;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset LocalNow = new(2026, 11, 21, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_are_taken_as_they_are()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), RetryAfter.Of(response, new FakeTimeProvider(LocalNow)));
    }

    [Fact]
    public void A_date_is_measured_against_the_servers_own_clock_when_it_sends_one()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        var serverNow = LocalNow.AddMinutes(-10);
        response.Headers.Date = serverNow;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(serverNow.AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Of(response, new FakeTimeProvider(LocalNow)));
    }

    [Fact]
    public void A_date_without_a_server_clock_is_measured_against_ours_and_never_negative()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(LocalNow.AddSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryAfter.Of(response, new FakeTimeProvider(LocalNow)));

        response.Headers.RetryAfter = new RetryConditionHeaderValue(LocalNow.AddSeconds(-5));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Of(response, new FakeTimeProvider(LocalNow)));
    }

    [Fact]
    public void No_header_means_no_retry_after()
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);

        Assert.Null(RetryAfter.Of(response, new FakeTimeProvider(LocalNow)));
    }

    [Fact]
    public void An_unspecified_or_local_datetime_is_read_as_local_time()
    {
        var local = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Local);
        var unspecified = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(local.ToUniversalTime(), new KoreUtcTime(local).UtcDateTime);
        Assert.Equal(local.ToUniversalTime(), new KoreUtcTime(unspecified).UtcDateTime);
    }
}

using System.Globalization;
using Xunit.Abstractions;

namespace KoreHistory.Client.Tests.RealTenants;

// Issue 11, against one tenant: every session's messages equal its ground truth (typed ids, piped sessions, with and
// without dates), no object of another session is ever handed over, unknown ids are reported, korevg text is readable.
public abstract class SessionReadTests<TTenant> : TenantReads<TTenant>
    where TTenant : Tenant
{
    protected SessionReadTests(TTenant tenant, ITestOutputHelper output)
        : base(tenant, output)
    {
    }

    [Fact]
    public async Task Typed_ids_without_dates_read_every_message_of_each_session()
    {
        var sample = ReachableSample();

        var (messages, log) = await ReadAsync(new KoreMessageQuery { SessionIds = sample.Select(s => s.SessionId).ToList() });

        AssertExactly(Tenant.Truth(sample), messages, sample.Select(s => s.SessionId));
        Assert.Empty(log.InvalidSessionIds);
        Output.WriteLine($"{Tenant.Name}: {sample.Count} typed sessions, {messages.Count} messages, {log.Cost}");
    }

    [Fact]
    public async Task A_session_of_each_shape_typed_alone_returns_all_its_messages()
    {
        foreach (var session in ReachableSample().Take(12))
        {
            var (messages, log) = await ReadAsync(new KoreMessageQuery { SessionIds = [session.SessionId] });

            AssertExactly(Tenant.Truth([session]), messages, [session.SessionId]);
            Assert.Empty(log.InvalidSessionIds);
        }
    }

    [Fact]
    public async Task Typed_ids_with_dates_within_one_window_read_their_messages_in_the_range()
    {
        var (from, to) = (Now.AddDays(-12), Now.AddDays(-7));
        var sample = ReachableSample().Where(s => s.StartTime >= from.AddDays(-1) && s.StartTime < to.AddDays(1)).ToList();
        sample.AddRange(Tenant.Mine.Where(s => Reachable(s) && s.StartTime >= from && s.StartTime < to && !sample.Contains(s)).Take(30));

        var (messages, log) = await ReadAsync(new KoreMessageQuery { SessionIds = sample.Select(s => s.SessionId).ToList(), From = from, To = to });

        AssertExactly(Tenant.Truth(sample, from, to), messages, sample.Select(s => s.SessionId));
        Assert.All(messages, m => Assert.InRange((DateTimeOffset)m.Time, from, to.AddMilliseconds(-1)));
        Output.WriteLine($"{Tenant.Name}: {sample.Count} typed sessions with 5 days, {messages.Count} messages, {log.Cost}");
    }

    [Fact]
    public async Task Typed_ids_with_a_long_range_read_their_messages_in_it_without_a_window_per_week()
    {
        var (from, to) = (Now.AddDays(-35), Now);
        var sample = ReachableSample();

        var (messages, log) = await ReadAsync(new KoreMessageQuery { SessionIds = sample.Select(s => s.SessionId).ToList(), From = from, To = to });

        AssertExactly(Tenant.Truth(sample, from, to), messages, sample.Select(s => s.SessionId));
        Output.WriteLine($"{Tenant.Name}: {sample.Count} typed sessions with 35 days, {messages.Count} messages, {log.Cost}");
    }

    [Fact]
    public async Task Piped_sessions_bring_every_message_of_each_session()
    {
        var (sessions, messages, log, _) = await ReadPipedAsync(Now.AddDays(-9), Now.AddDays(-2));

        var piped = sessions.Select(s => Tenant.Data.FindSession(s.SessionId)!).ToList();
        Assert.Equal(Tenant.Mine.Count(s => s.StartTime >= Now.AddDays(-9) && s.StartTime < Now.AddDays(-2)), piped.Count);
        var reachable = piped.Where(Reachable).ToList();
        AssertExactly(Tenant.Truth(reachable), messages.Where(m => reachable.Any(s => s.SessionId == m.SessionId)).ToList(), piped.Select(s => s.SessionId));
        Assert.Empty(log.InvalidSessionIds);
        Output.WriteLine($"{Tenant.Name}: {piped.Count} piped sessions, {messages.Count} messages, {log.Cost}");
    }

    [Fact]
    public async Task Piped_sessions_no_read_reaches_are_named_in_a_warning_and_no_others()
    {
        var (sessions, _, log, _) = await ReadPipedAsync(Now.AddDays(-9), Now.AddDays(-2));

        var unreachable = sessions.Select(s => Tenant.Data.FindSession(s.SessionId)!).Where(s => !Reachable(s)).Select(s => s.SessionId).ToList();
        var ivrWarnings = log.Warnings.Where(w => w.Contains("ivr session(s) returned no message", StringComparison.Ordinal)).ToList();
        Assert.Equal(unreachable.Count, ivrWarnings.Sum(w => int.Parse(w[..w.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture)));
        var named = unreachable.Where(id => ivrWarnings.Any(w => w.Contains(id, StringComparison.Ordinal))).ToList();
        Assert.Equal(unreachable.Take(named.Count), named);
        Assert.All(ivrWarnings, w => Assert.Contains("IvrInstanceId", w, StringComparison.Ordinal));
        Output.WriteLine($"{Tenant.Name}: {unreachable.Count} piped sessions no read reaches; warnings: {string.Join(" | ", ivrWarnings)}");
    }

    [Fact]
    public async Task Piped_sessions_with_dates_bring_their_messages_in_the_range()
    {
        var (from, to) = (Now.AddDays(-8), Now.AddDays(-3));

        var (sessions, messages, _, _) = await ReadPipedAsync(Now.AddDays(-9), Now.AddDays(-2), new KoreMessageQuery { From = from, To = to });

        var piped = sessions.Select(s => Tenant.Data.FindSession(s.SessionId)!).Where(Reachable).ToList();
        AssertExactly(Tenant.Truth(piped, from, to), messages.Where(m => piped.Any(s => s.SessionId == m.SessionId)).ToList(), sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task A_month_export_costs_about_one_request_per_hundred_messages()
    {
        var (sessions, messages, log, batches) = await ReadPipedAsync(Now.AddDays(-30), Now);

        var piped = sessions.Select(s => Tenant.Data.FindSession(s.SessionId)!).ToList();
        var reachable = piped.Where(Reachable).ToList();
        AssertExactly(Tenant.Truth(reachable), messages.Where(m => reachable.Any(s => s.SessionId == m.SessionId)).ToList(), piped.Select(s => s.SessionId));
        // Each batch costs its messages / 100 rounded up; an ivr batch read again with "ivr" one more.
        var ivrSessions = piped.Count(s => s.Channel == "ivr");
        var ivrBatches = ivrSessions == 0 ? 0 : (ivrSessions / 50) + 1;
        Assert.InRange(log.Count("/getMessages"), batches, (messages.Count / 100) + batches + ivrBatches);
        Assert.Equal(5, log.Count("/getSessions"));
        Output.WriteLine($"{Tenant.Name}: a month's export: {piped.Count} sessions, {messages.Count} messages, {batches} batches, {log.Cost}");
    }

    [Fact]
    public async Task Sessions_by_id_are_exactly_those_asked_for_and_unknown_ids_are_reported()
    {
        var sample = Tenant.Sample();
        var unknown = UnknownIdNear(sample[0]);
        using var connection = Tenant.Connect();
        var log = new TenantLog();

        var sessions = await connection.GetSessions(new KoreSessionQuery { SessionIds = [.. sample.Select(s => s.SessionId), unknown] }, log.Options).CollectAsync();

        Assert.Equal(sample.Select(s => s.SessionId).Order(StringComparer.Ordinal), sessions.Select(s => s.SessionId).Order(StringComparer.Ordinal));
        Assert.Equal(sessions.OrderByDescending(s => s.StartTime).Select(s => s.SessionId), sessions.Select(s => s.SessionId));
        Assert.Equal([unknown], log.InvalidSessionIds);
        Assert.All(sessions, s =>
        {
            var truth = Tenant.Data.FindSession(s.SessionId)!;
            Assert.Equal(truth.Channel, s.Channel);
            Assert.Equal(truth.StartTime, s.StartTime);
        });
        Output.WriteLine($"{Tenant.Name}: {sample.Count + 1} sessions by id, {sessions.Count} found, {log.Cost}");
    }

    [Fact]
    public async Task An_old_sessions_tags_come_with_it_by_id()
    {
        var old = Tenant.Mine.First(s => s.StartTime < Now.AddDays(-20) && s.SessionTags.Count > 0);
        using var connection = Tenant.Connect();
        var log = new TenantLog();

        var session = Assert.Single(await connection.GetSessions(new KoreSessionQuery { SessionIds = [old.SessionId] }, log.Options).CollectAsync());

        Assert.Equal(old.SessionTags.Select(t => $"{t.Name}={t.Value}"), session.SessionTags.Select(t => $"{t.Name}={t.Value}"));
        Assert.DoesNotContain(log.Warnings, w => w.Contains("sessionTags", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_session_ids_are_reported_with_or_without_dates_and_nothing_is_read_for_them()
    {
        var near = Tenant.Mine[^10];
        string[] unknown = [UnknownIdNear(near), "ffffffffffffffffffffffff", "not-an-object-id"];

        var (without, withoutLog) = await ReadAsync(new KoreMessageQuery { SessionIds = unknown });
        var (with, withLog) = await ReadAsync(new KoreMessageQuery { SessionIds = unknown, From = Now.AddDays(-6), To = Now });

        Assert.Empty(without);
        Assert.Empty(with);
        Assert.Equal(unknown.Order(StringComparer.Ordinal), withoutLog.InvalidSessionIds.Order(StringComparer.Ordinal));
        Assert.Equal(unknown.Order(StringComparer.Ordinal), withLog.InvalidSessionIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_message_id_is_reported_and_a_known_one_is_not()
    {
        var known = Tenant.Data.MessagesOf(Tenant.Mine.Last(s => s.Channel == "rtm" && s.MessageCount > 2).SessionId)[1];

        var (none, unknownLog) = await ReadAsync(new KoreMessageQuery { MessageId = "ms-doesnotexist" });
        var (around, knownLog) = await ReadAsync(new KoreMessageQuery { MessageId = known.MessageId, Direction = KoreDirection.Both });

        Assert.Empty(none);
        Assert.Equal(["ms-doesnotexist"], unknownLog.InvalidMessageIds);
        Assert.Contains(around, m => m.MessageId == known.MessageId);
        Assert.Empty(knownLog.InvalidMessageIds);
    }

    [Fact]
    public async Task Voice_gateway_messages_read_as_what_the_bot_said_with_the_json_kept()
    {
        var voice = Tenant.Mine.Where(s => s.Channel == "korevg").Take(5).ToList();

        var (messages, _) = await ReadAsync(new KoreMessageQuery { SessionIds = voice.Select(s => s.SessionId).ToList() });

        var truth = voice.SelectMany(s => Tenant.Data.MessagesOf(s.SessionId)).ToDictionary(m => m.MessageId);
        var commands = messages.Where(m => truth[m.MessageId].Text.StartsWith("{\"type\":\"command\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, m =>
        {
            Assert.Equal(truth[m.MessageId].SpokenText, m.Text);
            Assert.Equal(truth[m.MessageId].Text, m.Components[0].Data);
            using var raw = System.Text.Json.JsonDocument.Parse(m.Raw.ToString());
            Assert.Equal(truth[m.MessageId].Text, raw.RootElement.GetProperty("components")[0].GetProperty("data").GetProperty("text").GetString());
        });
    }
}

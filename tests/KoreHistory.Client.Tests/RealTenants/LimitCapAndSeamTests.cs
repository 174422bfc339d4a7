namespace KoreHistory.Client.Tests.RealTenants;

// The paged reader against two platform variants: a page with moreAvailable:false while skip + returned < total is
// followed up until an empty page (a silent limit cap), and records on a window seam (inclusive dateTo) are handed
// over once.
public sealed class LimitCapAndSeamTests
{
    [Fact]
    public async Task Under_a_limit_cap_a_piped_export_with_the_default_page_size_is_complete()
    {
        var tenant = new TenantWithLimitCap();
        await tenant.InitializeAsync();
        try
        {
            using var connection = tenant.Connect();
            var sessions = await connection.GetSessions(new KoreSessionQuery { From = EmulatorFixtureBase.Now.AddDays(-9), To = EmulatorFixtureBase.Now.AddDays(-2) }).CollectAsync();
            var batcher = new KoreSessionBatcher();
            // Every session added before the batcher is flushed (Concat would evaluate Flush first).
            var queries = sessions.Select(s => batcher.Add(s.ToSpan())).OfType<KoreMessageQuery>().ToList();
            queries.AddRange(batcher.Flush());
            var messages = new List<KoreMessage>();
            foreach (var query in queries)
            {
                messages.AddRange(await connection.GetMessages(query).CollectAsync());
            }

            Assert.Equal(tenant.Mine.Count(s => s.StartTime >= EmulatorFixtureBase.Now.AddDays(-9) && s.StartTime < EmulatorFixtureBase.Now.AddDays(-2)), sessions.Count);
            var truth = tenant.Truth(sessions.Select(s => tenant.Data.FindSession(s.SessionId)!));
            Assert.True(truth.SetEquals(messages.Select(m => m.MessageId)), $"{messages.Count} of {truth.Count} messages");
            Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_an_inclusive_date_to_a_message_on_a_window_seam_is_handed_over_once()
    {
        var tenant = new TenantWithInclusiveDateTo();
        await tenant.InitializeAsync();
        try
        {
            var (from, to) = (EmulatorFixtureBase.Now.AddDays(-20), EmulatorFixtureBase.Now.AddDays(-1));
            var seam = to - DateWindows.MaxLength;
            var session = tenant.Mine.Last(s => s.StartTime < seam);
            var added = tenant.Data.AddMessage(session.SessionId, "on the seam", at: seam);
            using var connection = tenant.Connect();

            var messages = await connection.GetMessages(new KoreMessageQuery { From = from, To = to }).CollectAsync();

            Assert.Single(messages, m => m.MessageId == added.MessageId);
            Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        }
        finally
        {
            await tenant.DisposeAsync();
        }
    }
}

using KoreHistory.Emulator;

namespace KoreHistory.Client.Tests.Reliability;

// Its own emulator per test: these tests add messages to the ground truth.
public sealed class LiveAppendTests
{
    private const int PageSize = 100;

    [Fact]
    public async Task Messages_arriving_now_during_an_export_neither_shift_nor_duplicate_the_pages()
    {
        await using var running = await StartAsync();
        var emulator = running.Emulator;
        var from = EmulatorFixtureBase.Now.AddDays(-5);
        var truth = emulator.MessagesBetween(from, EmulatorFixtureBase.Now).Select(m => m.MessageId).ToList();
        var session = emulator.Data.Sessions.Last(s => s.BotId == emulator.BotId);
        using var connection = emulator.Connect();
        var read = new List<string>();

        await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = from, PageSize = PageSize }))
        {
            read.Add(message.MessageId);
            if (read.Count % PageSize == 0)
            {
                emulator.Data.AddMessage(session.SessionId, $"arrived after {read.Count}");
            }
        }

        Assert.Equal(truth, read);
    }

    // MaxConcurrentRequests 4 reads ahead at fixed offsets; 1 pages one after another. Both must notice the shift.
    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 4)]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    public async Task Messages_added_inside_the_window_during_an_export_never_duplicate_or_drop_a_read_message(bool oldestFirst, int concurrentRequests)
    {
        await using var running = await StartAsync();
        var emulator = running.Emulator;
        var from = EmulatorFixtureBase.Now.AddDays(-5);
        var to = EmulatorFixtureBase.Now;
        var before = emulator.MessagesBetween(from, to, oldestFirst).ToList();
        var read = new List<string>();
        var addedInReadPart = new List<string>();
        var addedInUnreadPart = new List<string>();
        using var connection = emulator.Connect(settings => settings.MaxConcurrentRequests = concurrentRequests);

        await foreach (var message in connection.GetMessages(new KoreMessageQuery { From = from, To = to, PageSize = PageSize, OldestFirst = oldestFirst }))
        {
            read.Add(message.MessageId);
            if (read.Count % PageSize == 0 && read.Count < before.Count - PageSize)
            {
                // Three messages in the part already read (they shift every later page in the API's order) and one
                // in the part still to come.
                for (var i = 0; i < 3; i++)
                {
                    addedInReadPart.Add(AddBeside(emulator, before[read.Count / 2 + i]).MessageId);
                }

                addedInUnreadPart.Add(AddBeside(emulator, before[read.Count + PageSize]).MessageId);
            }
        }

        var repeated = read.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeated);
        Assert.Empty(before.Select(m => m.MessageId).Except(read));
        Assert.Empty(addedInUnreadPart.Except(read));
        Assert.Empty(read.Except(before.Select(m => m.MessageId)).Except(addedInReadPart).Except(addedInUnreadPart));
    }

    // A message in the same session, at the same instant as `neighbour`, so it sorts right beside it.
    private static EmulatedMessage AddBeside(Fixture emulator, EmulatedMessage neighbour) =>
        emulator.Data.AddMessage(neighbour.SessionId, "added during the export", at: neighbour.CreatedOn);

    private static async Task<Running> StartAsync()
    {
        var fixture = new Fixture();
        await fixture.InitializeAsync();
        return new Running(fixture);
    }

    // Stops the emulator when the test ends.
    private sealed class Running(Fixture fixture) : IAsyncDisposable
    {
        public Fixture Emulator => fixture;

        public async ValueTask DisposeAsync() => await fixture.DisposeAsync();
    }

    private sealed class Fixture : EmulatorFixtureBase
    {
        protected override void Configure(EmulatorOptions options)
        {
            options.Sessions = 300;
            options.Days = 5;
            options.MessagesPerSession = 4;
        }
    }
}

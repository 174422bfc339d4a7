using KoreHistory.Client;
using KoreHistory.Reading;

namespace KoreHistory.ModuleTests;

/// The worker that reads off the pipeline thread: what the pipeline thread takes, in which order, how soon, that a
/// page is asked for only when it is wanted, and that nothing runs once it is disposed. A fake read of pages stands
/// in for the engine (the pump only needs KoreResults.ReadPagesAsync's enumerator).
public sealed class ReadPumpTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Items_come_in_order_a_page_at_a_time_then_the_completion()
    {
        using var pump = new ReadPump<int>();
        pump.Start(ct => Pages(ct, [1, 2, 3], [4, 5]), null, CancellationToken.None);

        var taken = TakeAll(pump);

        Assert.Equal([[1, 2, 3], [4, 5]], taken.Where(e => e.Kind == ReadEventKind.Items).Select(e => e.Items.ToArray()));
        Assert.Equal(ReadEventKind.Completed, taken[^1].Kind);
        Assert.Null(taken[^1].Error);
    }

    [Fact]
    public void A_long_page_is_handed_over_in_runs_of_at_most_the_chunk_size()
    {
        using var pump = new ReadPump<int>();
        var page = Enumerable.Range(0, ReadPump<int>.ChunkSize * 2 + 7).ToArray();
        pump.Start(ct => Pages(ct, page), null, CancellationToken.None);

        var runs = TakeAll(pump).Where(e => e.Kind == ReadEventKind.Items).Select(e => e.Items.Count).ToArray();

        Assert.Equal([ReadPump<int>.ChunkSize, ReadPump<int>.ChunkSize, 7], runs);
    }

    [Fact]
    public void Each_run_handed_on_is_cleared_from_the_page_so_that_what_is_written_can_go()
    {
        using var pump = new ReadPump<int>();
        var page = Enumerable.Range(1, ReadPump<int>.ChunkSize * 3).ToArray();
        pump.Start(ct => Pages(ct, page), null, CancellationToken.None);

        var handed = TakeAll(pump).Where(e => e.Kind == ReadEventKind.Items).SelectMany(e => e.Items).ToArray();

        Assert.Equal(Enumerable.Range(1, ReadPump<int>.ChunkSize * 3), handed);
        Assert.All(page, slot => Assert.Equal(0, slot));
    }

    [Fact]
    public void The_total_comes_before_any_item()
    {
        using var pump = new ReadPump<int>();
        pump.Start(ct => Pages(ct, [1]), _ => Task.FromResult(42L), CancellationToken.None);

        var taken = TakeAll(pump);

        Assert.Equal(ReadEventKind.TotalCount, taken[0].Kind);
        Assert.Equal(42, taken[0].TotalCount);
    }

    [Fact]
    public void A_wait_reaches_the_pipeline_thread_while_the_read_is_still_waiting()
    {
        using var pump = new ReadPump<int>();
        using var release = new ManualResetEventSlim();
        pump.Start(ct => WaitsThenReads(pump.Options, release, ct), null, CancellationToken.None);

        var first = pump.Take(Patience, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(ReadEventKind.Wait, first.Kind);
        Assert.Equal("the test holds the read", first.Wait!.Reason);
        release.Set();
        Assert.Contains(TakeAll(pump), e => e.Kind == ReadEventKind.Items);
    }

    [Fact]
    public void Request_lines_and_unknown_ids_come_as_notices_before_the_items_queued_after_them()
    {
        using var pump = new ReadPump<int>();
        pump.Start(ct => LogsThenReads(pump.Options, ct), null, CancellationToken.None);

        var kinds = TakeAll(pump).Select(e => e.Kind).ToArray();

        Assert.Equal([ReadEventKind.Request, ReadEventKind.InvalidSessionId, ReadEventKind.Items, ReadEventKind.Completed], kinds);
    }

    [Fact]
    public void Nothing_arriving_within_the_timeout_gives_null_so_the_pipeline_thread_can_count_a_wait_down()
    {
        using var pump = new ReadPump<int>();
        using var release = new ManualResetEventSlim();
        pump.Start(ct => WaitsThenReads(new KoreReadOptions(), release, ct), null, CancellationToken.None);

        Assert.Null(pump.Take(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        release.Set();
    }

    [Fact]
    public void A_failed_read_ends_with_its_exception_after_the_items_before_it()
    {
        using var pump = new ReadPump<int>();
        pump.Start(ct => FailsAfter([1, 2], ct), null, CancellationToken.None);

        var taken = TakeAll(pump);

        Assert.Equal([1, 2], taken.Where(e => e.Kind == ReadEventKind.Items).SelectMany(e => e.Items));
        Assert.IsType<KoreTransportException>(taken[^1].Error);
    }

    [Fact]
    public void Cancelling_the_token_wakes_the_pipeline_thread_at_once()
    {
        // The read does not see the token: a read that ended on it too could queue its end before the pipeline thread
        // woke, and Take would hand that over instead (as it should; under load that came first).
        using var release = new ManualResetEventSlim();
        using var pump = new ReadPump<int>();
        using var stopping = new CancellationTokenSource();
        pump.Start(ct => WaitsThenReads(new KoreReadOptions(), release, ct), null, CancellationToken.None);
        stopping.CancelAfter(TimeSpan.FromMilliseconds(100));

        Assert.ThrowsAny<OperationCanceledException>(() => pump.Take(Patience, stopping.Token));
    }

    [Fact]
    public async Task Dispose_stops_a_read_that_waits_and_returns_only_once_it_has_finished()
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = new ReadPump<int>();
        pump.Start(ct => NeverEnds(started, finished, ct), null, CancellationToken.None);
        Assert.Null(pump.Take(TimeSpan.FromMilliseconds(1), CancellationToken.None));    // asks for the first page
        Assert.Same(started.Task, await Task.WhenAny(started.Task, Task.Delay(Patience)));

        pump.Dispose();

        Assert.True(finished.Task.IsCompleted, "the read was still running after Dispose returned");
    }

    [Fact]
    public void The_next_page_is_asked_for_only_once_every_item_was_taken_and_the_pipeline_thread_comes_back()
    {
        var asked = 0;
        using var pump = new ReadPump<int>();
        pump.Start(ct => Endless(() => Interlocked.Increment(ref asked), ct), null, CancellationToken.None);

        var first = pump.Take(Patience, CancellationToken.None);
        Thread.Sleep(200);    // the pipeline thread is writing the first page: nothing more is asked for meanwhile
        var askedWhileWriting = Volatile.Read(ref asked);
        var second = pump.Take(Patience, CancellationToken.None);

        Assert.Equal(ReadEventKind.Items, first!.Kind);
        Assert.Equal(1, askedWhileWriting);
        Assert.Equal(ReadEventKind.Items, second!.Kind);
        Assert.Equal(2, Volatile.Read(ref asked));
    }

    [Fact]
    public void A_pipeline_thread_that_stops_taking_costs_no_further_page()
    {
        var asked = 0;
        var pump = new ReadPump<int>();
        pump.Start(ct => Endless(() => Interlocked.Increment(ref asked), ct), null, CancellationToken.None);
        _ = pump.Take(Patience, CancellationToken.None);
        Thread.Sleep(200);

        pump.Dispose();

        Assert.Equal(1, Volatile.Read(ref asked));
    }

    [Fact]
    public async Task Dispose_returns_whatever_the_two_threads_are_doing_when_it_is_called()
    {
        // Disposing cancels the worker while it may be waiting for the pipeline thread, waking up, or queueing: a
        // cancellation that needed the lock the worker held while it stopped waiting would hang here.
        var disposals = Task.Run(() =>
        {
            for (var round = 0; round < 300; round++)
            {
                var pump = new ReadPump<int>();
                pump.Start(ct => Endless(() => 0, ct), null, CancellationToken.None);
                for (var taken = 0; taken < round % 7; taken++)
                {
                    _ = pump.Take(TimeSpan.FromMilliseconds(round % 3), CancellationToken.None);
                }
                pump.Dispose();
            }
        });

        Assert.Same(disposals, await Task.WhenAny(disposals, Task.Delay(TimeSpan.FromSeconds(60))));
        await disposals;
    }

    private static List<ReadEvent<int>> TakeAll(ReadPump<int> pump)
    {
        var taken = new List<ReadEvent<int>>();
        while (true)
        {
            var next = pump.Take(Patience, CancellationToken.None) ?? throw new TimeoutException("nothing came");
            taken.Add(next);
            if (next.Kind == ReadEventKind.Completed)
            {
                return taken;
            }
        }
    }

    // Each page takes a moment to arrive.
    private static async IAsyncEnumerator<IReadOnlyList<int>> Pages(CancellationToken cancellationToken, params int[][] pages)
    {
        foreach (var page in pages)
        {
            await Task.Delay(20, cancellationToken);
            yield return page;
        }
    }

    private static async IAsyncEnumerator<IReadOnlyList<int>> WaitsThenReads(KoreReadOptions options, ManualResetEventSlim release, CancellationToken cancellationToken)
    {
        options.OnWait?.Invoke(new KoreWait(TimeSpan.FromSeconds(30), "the test holds the read"));
        await Task.Run(() => release.Wait(cancellationToken), cancellationToken);
        yield return [1];
    }

    private static async IAsyncEnumerator<IReadOnlyList<int>> LogsThenReads(KoreReadOptions options, CancellationToken cancellationToken)
    {
        options.OnRequest?.Invoke(new KoreRequestLog("POST", "/api/public/bot/st-1/getMessages", null, 200, TimeSpan.FromMilliseconds(3), 1));
        options.OnInvalidSessionId?.Invoke("s-unknown");
        await Task.Delay(20, cancellationToken);
        yield return [1];
    }

    private static async IAsyncEnumerator<IReadOnlyList<int>> FailsAfter(int[] items, CancellationToken cancellationToken)
    {
        yield return items;
        await Task.Delay(20, cancellationToken);
        throw new KoreTransportException("the connection dropped", null);
    }

    private static async IAsyncEnumerator<IReadOnlyList<int>> NeverEnds(TaskCompletionSource<bool> started, TaskCompletionSource<bool> finished, CancellationToken cancellationToken)
    {
        try
        {
            started.SetResult(true);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield return [1];
        }
        finally
        {
            await Task.Delay(50, CancellationToken.None);
            finished.SetResult(true);
        }
    }

    // Pages of three, for ever; ask counts each page asked for (each MoveNextAsync, as the engine would request it).
    private static async IAsyncEnumerator<IReadOnlyList<int>> Endless(Func<int> ask, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = ask();
            await Task.Delay(1, cancellationToken);
            yield return [page, page, page];
        }
    }
}

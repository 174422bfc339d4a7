using Polly;

namespace KoreHistory.Client;

// Before each attempt, a place in the bot's rolling windows; held until the attempt has ended. It sits outside the
// attempt's timeout: a wait for the bot's budget (after 1,800 requests in an hour it can be long) is no timeout, and
// it is not counted against the retry budget either.
internal sealed class PacingStrategy : ResilienceStrategy<ApiAnswer>
{
    private readonly Func<string, RollingWindowPacer> pacerFor;
    private readonly TimeProvider time;

    public PacingStrategy(Func<string, RollingWindowPacer> pacerFor, TimeProvider time)
    {
        this.pacerFor = pacerFor;
        this.time = time;
    }

    protected override async ValueTask<Outcome<ApiAnswer>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<ApiAnswer>>> callback, ResilienceContext context, TState state)
    {
        var request = ApiRequest.Of(context);
        var onWait = request.Options?.OnWait;
        var waitStarted = time.GetTimestamp();
        PacingSlot slot;
        try
        {
            slot = await pacerFor(request.PaceKey)
                .AcquireAsync(context.CancellationToken, onWait is null ? null : wait => onWait(new KoreWait(wait, $"the rate-limit budget of {request.PaceKey} is in use")))
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException exception)
        {
            return Outcome.FromException<ApiAnswer>(exception);
        }
        finally
        {
            request.AddPacingWait(time.GetElapsedTime(waitStarted));
        }

        try
        {
            return await callback(context, state).ConfigureAwait(false);
        }
        finally
        {
            slot.Complete();
        }
    }
}

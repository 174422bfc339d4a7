using Polly;
using Polly.Retry;

namespace KoreHistory.Client;

// A connection's resilience pipeline, built once and shared by all its requests (their state travels in the
// ResilienceContext, see ApiRequest). From the outside in:
//   retry         what FailureClassifier says a retry can fix, up to MaxAttempts, while the time spent on the
//                 request (attempts and waits; not pacing) plus the next wait stays within MaxRetryWait; the wait
//                 is the server's Retry-After when it gives one of at least RetryBaseDelay, else exponential
//                 backoff from RetryBaseDelay with ±25 % jitter (so a Retry-After of 0 or in the past backs off too);
//   fresh token   with minted tokens, a 401 is tried once more at once with a new token (a JTI replay, clock skew),
//                 inside the same attempt;
//   pacing        a place in the bot's budget (PacingStrategy);
//   timeout       RequestTimeout per attempt;
// then the attempt itself (KoreApi).
internal sealed class RequestPipeline
{
    private readonly FailureClassifier classifier;
    private readonly TimeSpan maxRetryWait;
    private readonly TimeSpan baseDelay;
    private readonly Random jitter = new();

    private RequestPipeline(KoreConnectionSettings settings, FailureClassifier classifier)
    {
        this.classifier = classifier;
        maxRetryWait = settings.MaxRetryWait;
        baseDelay = settings.RetryBaseDelay;
    }

    public static ResiliencePipeline<ApiAnswer> Build(
        KoreConnectionSettings settings, FailureClassifier classifier, bool canMintTokens, Func<string, RollingWindowPacer> pacerFor, TimeProvider time)
    {
        var rules = new RequestPipeline(settings, classifier);
        var builder = new ResiliencePipelineBuilder<ApiAnswer> { TimeProvider = time };
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ApiAnswer>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                ShouldHandle = args => new ValueTask<bool>(rules.ShouldRetry(args.Outcome, args.AttemptNumber, ApiRequest.Of(args.Context))),
                DelayGenerator = args => new ValueTask<TimeSpan?>(rules.Delay(args.Outcome, args.AttemptNumber)),
                OnRetry = args =>
                {
                    rules.Announce(args.Outcome, args.RetryDelay, ApiRequest.Of(args.Context));
                    return default;
                },
            });
        }

        if (canMintTokens)
        {
            builder.AddRetry(new RetryStrategyOptions<ApiAnswer>
            {
                MaxRetryAttempts = 1,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result?.Status == 401),
            });
        }

        return builder
            .AddStrategy(_ => new PacingStrategy(pacerFor, time))
            .AddTimeout(settings.RequestTimeout)
            .Build();
    }

    private bool ShouldRetry(Outcome<ApiAnswer> outcome, int attemptNumber, ApiRequest request)
    {
        if (request.Cancellation.IsCancellationRequested || classifier.Classify(outcome) is not { } failure)
        {
            return false;
        }

        return failure.Retry switch
        {
            RetryRule.Never => false,
            RetryRule.Once when !request.TakeUnusablePageRetry() => false,
            _ => request.RetryTimeUsed + Longest(failure, attemptNumber) <= maxRetryWait,
        };
    }

    private TimeSpan Delay(Outcome<ApiAnswer> outcome, int attemptNumber) =>
        ServerWait(classifier.Classify(outcome)) ?? Backoff(attemptNumber, 0.75 + (NextJitter() * 0.5));

    // The most Delay can return for this failure: what the retry budget is checked against.
    private TimeSpan Longest(AttemptFailure failure, int attemptNumber) => ServerWait(failure) ?? Backoff(attemptNumber, 1.25);

    // Retry-After when the server gave one worth waiting for; one of 0, in the past or under RetryBaseDelay is no
    // guidance, and backing off is.
    private TimeSpan? ServerWait(AttemptFailure? failure) =>
        failure?.Answer?.RetryAfter is { } wait && wait > TimeSpan.Zero && wait >= baseDelay ? wait : null;

    private TimeSpan Backoff(int attemptNumber, double factor) =>
        TimeSpan.FromTicks((long)(baseDelay.Ticks * Math.Pow(2, Math.Min(attemptNumber, 16)) * factor));

    private double NextJitter()
    {
        lock (jitter)
        {
            return jitter.NextDouble();
        }
    }

    private void Announce(Outcome<ApiAnswer> outcome, TimeSpan delay, ApiRequest request)
    {
        if (request.Options?.OnWait is { } onWait)
        {
            var cause = classifier.Classify(outcome)?.Description ?? "a failure";
            onWait(new KoreWait(delay, $"retrying POST {request.Path.Split('?')[0]} after {cause}"));
        }
    }
}

using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Serilog;

namespace SmallCaps.Core.Http;

/// <summary>
/// The Polly pipeline around one attempt: bounded exponential retries with jitter for transient failures
/// (5xx, timeouts, resets, truncated bodies), inside them one run-wide circuit breaker that counts every attempt.
/// 429s and an open circuit are handled by the transport itself so they do not use up retries.
/// </summary>
internal static class TransportResilience
{
    /// <summary>Builds the pipeline; <paramref name="breakerState"/> reports whether the circuit is open, <paramref name="breakerControl"/> closes it when the API answers after all.</summary>
    public static ResiliencePipeline Build(TransportOptions options, TimeProvider time, TransportCounters counters, ILogger log, CircuitBreakerStateProvider breakerState, CircuitBreakerManualControl breakerControl, OutageClock outage)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time, Name = "massive" };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<MassiveApiException>(IsRetryable),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    counters.Retry();
                    if (args.Outcome.Exception is MassiveApiException ex)
                    {
                        log.Warning(
                            "Retry {Attempt}/{MaxRetries} in {DelaySeconds:0.0} s after {Kind}: {Reason}",
                            args.AttemptNumber + 1,
                            options.MaxRetries,
                            args.RetryDelay.TotalSeconds,
                            ex.Kind.ToString(),
                            ex.Message);
                    }

                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<MassiveApiException>(IsOutageSign),
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.EffectiveBreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            StateProvider = breakerState,
            ManualControl = breakerControl,
            OnOpened = args =>
            {
                counters.CircuitOpened();
                outage.Opened(args.Outcome.Exception?.Message);
                log.Warning("The API looks down ({Reason}); pausing all requests for {BreakDuration}", args.Outcome.Exception?.Message, args.BreakDuration);
                return default;
            },
            OnHalfOpened = _ =>
            {
                log.Information("Probing the API after a pause");
                return default;
            },
            OnClosed = _ =>
            {
                outage.Closed();
                log.Information("The API answers again; resuming");
                return default;
            },
        });

        return builder.Build();
    }

    /// <summary>Transient failures the retry strategy repeats (429 is paced by the rate gate instead).</summary>
    public static bool IsRetryable(MassiveApiException ex) => ex.IsTransient && ex.Kind != MassiveErrorKind.RateLimited;

    /// <summary>Failures that suggest the API or the network is down, as opposed to a bad request or a bad page.</summary>
    public static bool IsOutageSign(MassiveApiException ex) =>
        ex.Kind is MassiveErrorKind.Server or MassiveErrorKind.Network or MassiveErrorKind.Timeout;
}

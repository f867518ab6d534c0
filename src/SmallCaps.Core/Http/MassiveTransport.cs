using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Serilog;
using SmallCaps.Core.Api;

namespace SmallCaps.Core.Http;

/// <summary>
/// The one HTTP transport of a run: a single pooled <see cref="HttpClient"/>, an in-flight limit of
/// MaxWorkers, the run's <see cref="RateGate"/>, bounded retries and a circuit breaker. A page is decoded while
/// it streams in (aggregates) or read whole into a pooled buffer first (other datasets); nothing is retried
/// endlessly and every wait is bounded.
/// </summary>
internal sealed class MassiveTransport : IDisposable
{
    private readonly TransportOptions _options;
    private readonly ApiKey _key;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _slots;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _breakerState = new();
    private readonly CircuitBreakerManualControl _breakerControl = new();
    private readonly TransportCounters _counters = new();
    private readonly OutageClock _outage;
    private readonly ApiLiveness _liveness;
    private readonly string? _via;
    private int _keyRejectionLogged;

    /// <summary>Creates the transport; <paramref name="innerHandler"/> replaces the socket handler in tests.</summary>
    public MassiveTransport(TransportOptions options, ApiKey key, TimeProvider? time = null, ILogger? log = null, HttpMessageHandler? innerHandler = null)
    {
        options.EnsureValid();
        _options = options;
        _key = key;
        _time = time ?? TimeProvider.System;
        _log = (log ?? Serilog.Core.Logger.None).ForContext<MassiveTransport>();
        Gate = RateGate.Create(options, _time);
        _slots = new SemaphoreSlim(options.MaxWorkers, options.MaxWorkers);
        _outage = new OutageClock(_time);
        _pipeline = TransportResilience.Build(options, _time, _counters, _log, _breakerState, _breakerControl, _outage);
        _liveness = new ApiLiveness(CheckLivenessAsync, _time, options.BreakerBreakDuration);
        var auth = new BearerTokenHandler(key, options.BaseUrl) { InnerHandler = innerHandler ?? CreateSocketsHandler(options) };
        _client = new HttpClient(auth, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _via = innerHandler is null ? ProxyInUse.Describe(options.BaseUrl, options.Proxy ?? HttpClient.DefaultProxy, Environment.GetEnvironmentVariable) : null;
        if (_via is not null)
        {
            _log.Information("Requests to the API go {Via}", _via);
        }
    }

    /// <summary>The settings in use.</summary>
    public TransportOptions Options => _options;

    /// <summary>The run's token bucket.</summary>
    public RateGate Gate { get; }

    /// <summary>Run-wide figures now.</summary>
    public TransportMetrics Metrics => new(
        _counters.Requests,
        _counters.Pages,
        _counters.Bytes,
        _counters.RateLimited,
        _counters.Retries,
        _counters.Failures,
        _counters.CircuitOpenings,
        _breakerState.CircuitState is CircuitState.Open or CircuitState.Isolated,
        _counters.InFlight,
        Gate.Snapshot());

    /// <summary>An absolute URL on the configured host for a path and query (e.g. <c>/v2/aggs/...?...</c>), kept under any base path.</summary>
    public Uri Resolve(string pathAndQuery) => new(_options.BaseUrl, _options.BaseUrl.AbsolutePath.TrimEnd('/') + pathAndQuery);

    /// <summary>True when <paramref name="url"/> may receive the key.</summary>
    public bool IsOnConfiguredHost(Uri url) => OriginGuard.IsSameOrigin(url, _options.BaseUrl);

    /// <summary>
    /// GETs <paramref name="url"/> (which must be on the configured host) and decodes the body with
    /// <paramref name="decode"/>. Throws <see cref="MassiveApiException"/> once retries, 429 pacing or the
    /// circuit pause are exhausted, or at once for 401/403/404/400 and foreign hosts.
    /// </summary>
    public Task<TResult> GetPageAsync<TResult>(Uri url, PageDecoder<TResult> decode, CancellationToken cancellationToken) =>
        RunAsync(url, new WholeBodyReader<TResult>(decode), cancellationToken);

    /// <summary>
    /// Like <see cref="GetPageAsync{TResult}"/>, but a 2xx body is decoded by <paramref name="decoder"/> as it
    /// arrives (one small buffer per request, never the whole body). Each attempt resets the decoder first.
    /// </summary>
    public Task<TResult> GetStreamedPageAsync<TResult>(Uri url, IPageStreamDecoder<TResult> decoder, CancellationToken cancellationToken) =>
        RunAsync(url, new StreamedBodyReader<TResult>(decoder), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _slots.Dispose();
        Gate.Dispose();
    }

    private async Task<TResult> RunAsync<TResult>(Uri url, IPageBodyReader<TResult> body, CancellationToken cancellationToken)
    {
        if (!url.IsAbsoluteUri)
        {
            url = new Uri(_options.BaseUrl, url);
        }

        if (!IsOnConfiguredHost(url))
        {
            _counters.Failure();
            throw OriginGuard.Foreign(url, _options.BaseUrl);
        }

        var rateLimited = 0;
        var attempts = new RequestAttempts();
        var state = (Transport: this, Url: url, Body: body, Attempts: attempts);
        while (true)
        {
            try
            {
                return await _pipeline.ExecuteAsync(static (s, ct) => s.Transport.AttemptAsync(s.Url, s.Body, s.Attempts, ct), state, cancellationToken);
            }
            catch (BrokenCircuitException ex)
            {
                if (await ApiIsDownAsync(cancellationToken))
                {
                    // The whole run waits here while the API is down; only the breaker's probe touches the network.
                    await PauseForOutageAsync(ex, ex.RetryAfter, url, cancellationToken);
                }
                else if (attempts.OutageSigns > _options.MaxRetries && attempts.Last is { } own)
                {
                    // The API answers, this request does not: its retries are spent, so it fails as its own task.
                    _counters.Failure();
                    throw own;
                }
            }
            catch (MassiveApiException ex) when (TransportResilience.IsOutageSign(ex) && _breakerState.CircuitState != CircuitState.Closed)
            {
                if (!await ApiIsDownAsync(cancellationToken))
                {
                    // The API answers: this request's own retries are spent, so it fails as its task.
                    _counters.Failure();
                    throw;
                }

                // A failed probe (or a retry budget spent during the outage) does not fail the request: it waits with the rest.
                await PauseForOutageAsync(ex, null, url, cancellationToken);
            }
            catch (MassiveApiException ex) when (ex.Kind == MassiveErrorKind.RateLimited)
            {
                // The gate already slowed everyone down and paused for Retry-After; this request just queues again.
                if (++rateLimited > _options.MaxRateLimitRetries)
                {
                    _counters.Failure();
                    throw;
                }

                _counters.Retry();
            }
            catch (MassiveApiException ex)
            {
                // A 404 or 403 is an answer that settles its task (not-found, not-entitled), not a failed request.
                if (ex.Kind is not (MassiveErrorKind.NotFound or MassiveErrorKind.NotEntitled))
                {
                    _counters.Failure();
                }

                // Every worker in flight gets the 401; the run stops once, so it is said once.
                if (ex.Kind == MassiveErrorKind.Unauthorized && Interlocked.Exchange(ref _keyRejectionLogged, 1) == 0)
                {
                    _log.Error("The API key was rejected (HTTP 401); stopping the run");
                }

                throw;
            }
        }
    }

    // Many failures at once may still be one dead ticker's requests: only an API that does not answer another endpoint is down.
    private async Task<bool> ApiIsDownAsync(CancellationToken cancellationToken)
    {
        if (!await _liveness.AnswersAsync(cancellationToken))
        {
            return true;
        }

        if (_breakerState.CircuitState is CircuitState.Open or CircuitState.HalfOpen)
        {
            _log.Information("The API answers other requests: the failing ones fail on their own after their retries");
            await _breakerControl.CloseAsync(cancellationToken);
        }

        return false;
    }

    // The outage budget is run-wide: past it every request fails fast as Unavailable and the runner stops.
    private async Task PauseForOutageAsync(Exception cause, TimeSpan? retryAfter, Uri url, CancellationToken cancellationToken)
    {
        if (_outage.Elapsed >= _options.BreakerMaxPause)
        {
            _counters.Failure();
            var minutes = _options.BreakerMaxPause.TotalMinutes;
            _log.Error("The API or the network has been down for over {Minutes:0.##} minutes; requests now fail fast", minutes);
            throw new MassiveApiException(
                MassiveErrorKind.Unavailable,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the API or the network stayed down for over {minutes:0.##} minutes (last: {_outage.LastSign ?? cause.Message}); stopped, the same command resumes"),
                isTransient: true,
                url: UrlRedactor.Redact(url),
                innerException: cause);
        }

        var floor = _options.BreakerBreakDuration / 10;
        var wait = retryAfter is { } after && after > floor ? after : floor;
        await Task.Delay(wait, _time, cancellationToken);
    }

    // A proxy cannot reach this machine's 127.0.0.1 (the demo's simulator) and must not receive the key meant for it.
    private static SocketsHttpHandler CreateSocketsHandler(TransportOptions options) => new()
    {
        UseProxy = !options.BaseUrl.IsLoopback,
        Proxy = options.Proxy,
        MaxConnectionsPerServer = options.MaxWorkers,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli | DecompressionMethods.Deflate,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),

        // A redirect could carry the request to another host: never follow one.
        AllowAutoRedirect = false,
        UseCookies = false,
    };

    // The liveness check: any answer below 500 (even 404 or 401) shows the API is up; it counts as a request and waits its turn.
    private async Task<bool> CheckLivenessAsync()
    {
        await _slots.WaitAsync();
        _counters.Enter();
        try
        {
            await Gate.WaitAsync(CancellationToken.None);
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            _counters.Request();
            using var response = await _client.GetAsync(Resolve(ApiLiveness.Path), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (int)response.StatusCode < 500;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // ObjectDisposedException: the run ended (transport disposed) while the shared check was still out.
            return false;
        }
        finally
        {
            _counters.Leave();
            _slots.Release();
        }
    }

    private async ValueTask<TResult> AttemptAsync<TResult>(Uri url, IPageBodyReader<TResult> body, RequestAttempts attempts, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        _counters.Enter();
        try
        {
            await Gate.WaitAsync(cancellationToken);
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            _counters.Request();
            try
            {
                return await SendAndReadAsync(url, body, linked.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw attempts.Failed(new MassiveApiException(
                    MassiveErrorKind.Timeout,
                    $"No complete answer within {_options.RequestTimeout} from {UrlRedactor.Redact(url)}.",
                    isTransient: true,
                    url: UrlRedactor.Redact(url),
                    innerException: ex));
            }
            catch (MassiveApiException ex)
            {
                attempts.Failed(ex);
                throw;
            }
        }
        finally
        {
            _counters.Leave();
            _slots.Release();
        }
    }

    private async Task<TResult> SendAndReadAsync<TResult>(Uri url, IPageBodyReader<TResult> reader, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (TlsFailure.Explain(ex) is { } tls)
        {
            // An untrusted certificate stays untrusted: stop the run at once rather than pause ten minutes for an outage.
            var redacted = UrlRedactor.Redact(url);
            throw tls.Untrusted
                ? new MassiveApiException(MassiveErrorKind.Unavailable, $"could not connect securely to the API ({redacted}{Via}): {tls.Cause}", isTransient: false, url: redacted, innerException: ex)
                : new MassiveApiException(MassiveErrorKind.Network, $"could not reach the API ({redacted}{Via}): {tls.Cause}", isTransient: true, url: redacted, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw Network(url, "could not reach the API", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var headerRequestId = response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.FirstOrDefault() : null;
            if (status == 429)
            {
                _counters.RateLimit();
                var retryAfter = RetryAfter(response);
                Gate.OnRateLimited(retryAfter);
                var rate = Gate.Snapshot().CurrentRate;
                _log.Warning("HTTP 429 from {Url}; run rate now {Rate:0.###}/s, pausing {PauseSeconds:0.#} s", UrlRedactor.Redact(url), rate, (retryAfter ?? _options.RateLimitPause).TotalSeconds);
                throw new MassiveApiException(MassiveErrorKind.RateLimited, $"HTTP 429 too many requests ({UrlRedactor.Redact(url)})", isTransient: true, statusCode: 429, requestId: headerRequestId, url: UrlRedactor.Redact(url));
            }

            if (status is < 200 or >= 300)
            {
                // Error bodies are small: read whole for the vendor's status and message.
                using var error = await ReadBodyAsync(() => ResponseBody.ReadAsync(response.Content, _options.MaxResponseBytes, cancellationToken), url, status, headerRequestId);
                throw ErrorResponses.Create(status, error.Sequence, headerRequestId, url, _key, _via);
            }

            var (result, bytes) = await ReadBodyAsync(() => reader.ReadAsync(response.Content, _options.MaxResponseBytes, cancellationToken), url, status, headerRequestId);
            _counters.Page(bytes);
            return result;
        }
    }

    // One mapping of body failures for both paths: too large is permanent, a cut body is worth a retry, and a bad page is as transient as its decoder says.
    private async Task<T> ReadBodyAsync<T>(Func<Task<T>> read, Uri url, int status, string? headerRequestId)
    {
        try
        {
            return await read();
        }
        catch (PageSinkException ex)
        {
            // The writer failed, not the body: its own exception goes on, unretried.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException!);
            throw;
        }
        catch (ResponseTooLargeException ex)
        {
            throw new MassiveApiException(MassiveErrorKind.Protocol, $"{ex.Message} ({UrlRedactor.Redact(url)})", isTransient: false, statusCode: status, url: UrlRedactor.Redact(url), innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw Network(url, "the response body was cut short", ex);
        }
        catch (IOException ex)
        {
            throw Network(url, "the response body was cut short", ex);
        }
        catch (PageFormatException ex)
        {
            throw new MassiveApiException(
                MassiveErrorKind.Protocol,
                $"Unusable page from {UrlRedactor.Redact(url)}: {UrlRedactor.Redact(ex.Message, _key)}",
                ex.IsTransient,
                statusCode: status,
                requestId: headerRequestId,
                url: UrlRedactor.Redact(url),
                innerException: ex);
        }
    }

    private MassiveApiException Network(Uri url, string what, Exception inner) => new(
        MassiveErrorKind.Network,
        $"{what} ({UrlRedactor.Redact(url)}{Via}): {UrlRedactor.Redact(inner.Message, _key)}",
        isTransient: true,
        url: UrlRedactor.Redact(url),
        innerException: inner);

    // Said in every network error while a proxy is in use: a proxy's own failures look like the API's.
    private string Via => _via is null ? string.Empty : ", " + _via;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - _time.GetUtcNow() : null;
    }
}

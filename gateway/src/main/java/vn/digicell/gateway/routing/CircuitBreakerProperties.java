package vn.digicell.gateway.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One circuit breaker per service route ({@code digicell.gateway.circuit-breaker.*}). When at least
 * {@code minimumCalls} of the last {@code slidingWindow} calls failed (unreachable, too slow, 502–
 * 504) at {@code failureRatePercent} or more, the circuit opens: calls are answered at once with a
 * 503 problem for {@code waitInOpenState}, then a few trial calls decide whether it closes again.
 */
@ConfigurationProperties("digicell.gateway.circuit-breaker")
record CircuitBreakerProperties(
    @DefaultValue("50") float failureRatePercent,
    @DefaultValue("20") int slidingWindow,
    @DefaultValue("10") int minimumCalls,
    @DefaultValue("PT15S") Duration waitInOpenState,
    @DefaultValue("3") int trialCalls) {}

package vn.digicell.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body each service's routes accept ({@code digicell.gateway.max-request.*}),
 * checked against {@code Content-Length} before anything is forwarded. The services enforce their
 * own limits too (streamed bodies without a length are theirs to refuse).
 */
@ConfigurationProperties("digicell.gateway.max-request")
record RequestSizeProperties(
    // legacy imports: 100,000 CSV rows
    @DefaultValue("40MB") DataSize member,
    @DefaultValue("1MB") DataSize meeting,
    // document versions (the service's own limit is 50 MB)
    @DefaultValue("55MB") DataSize document,
    // feedback photos
    @DefaultValue("12MB") DataSize notification) {}

package vn.digicell.gateway.routing;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Base URIs of the services behind the gateway ({@code digicell.routes.*}). */
@ConfigurationProperties("digicell.routes")
record RouteProperties(
    @DefaultValue("http://localhost:8081") URI member,
    @DefaultValue("http://localhost:8082") URI meeting,
    @DefaultValue("http://localhost:8083") URI document,
    @DefaultValue("http://localhost:8084") URI notification) {}

package vn.digicell.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The gateway's own confidential client in the realm ({@code digicell.gateway.*}). */
@ConfigurationProperties("digicell.gateway")
record GatewayClientProperties(
    @DefaultValue("digicell-gateway") String clientId, String clientSecret) {}

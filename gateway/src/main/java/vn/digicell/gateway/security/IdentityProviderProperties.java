package vn.digicell.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Keycloak realm lives ({@code digicell.security.*}) and how the gateway is registered
 * there ({@code digicell.gateway.*} is bound separately in {@link GatewayClientProperties}).
 *
 * @param issuerUri the realm's issuer, e.g. {@code http://localhost:8180/realms/digicell}
 * @param jwkSetUri where the realm publishes its signing keys; derived from the issuer when blank
 * @param allowedClients the realm clients whose bearer tokens are accepted ({@code azp}), as in
 *     every service: another client of the realm with the {@code digicell} scope is refused
 */
@ConfigurationProperties("digicell.security")
record IdentityProviderProperties(
    @DefaultValue("http://localhost:8180/realms/digicell") String issuerUri,
    String jwkSetUri,
    @DefaultValue({"digicell-gateway", "digicell-cli", "digicell-ops"})
        java.util.List<String> allowedClients) {

  /** The audience every token for DigiCell services must carry. */
  static final String API_AUDIENCE = "digicell-api";

  IdentityProviderProperties {
    issuerUri = stripTrailingSlash(issuerUri);
  }

  String openIdConnectEndpoint(String name) {
    return issuerUri + "/protocol/openid-connect/" + name;
  }

  String effectiveJwkSetUri() {
    return jwkSetUri == null || jwkSetUri.isBlank() ? openIdConnectEndpoint("certs") : jwkSetUri;
  }

  private static String stripTrailingSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}

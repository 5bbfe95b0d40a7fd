package vn.digicell.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code digicell.security.*}: how a service trusts access tokens.
 *
 * @param issuerUri the Keycloak realm tokens must come from, e.g. {@code
 *     http://localhost:8180/realms/digicell}
 * @param jwkSetUri where the realm's signing keys are; defaults to Keycloak's certs endpoint under
 *     the issuer, so no discovery call is needed at start-up
 * @param audience the audience every token must carry
 * @param publicPaths extra request paths that need no token
 * @param allowedClients the realm clients whose tokens are accepted (the {@code azp} claim): a
 *     token another client of the realm obtained, even with the {@code digicell} scope and the API
 *     audience, is refused. Defaults to the portal's gateway, the local scripts' client and the
 *     operators' service account ({@code digicell-ops}, docs/operations.md).
 * @param keysRefreshEvery how long the realm's signing keys are used before they are fetched again
 *     (a token signed with a key not yet known fetches them at once)
 * @param keysOutageTolerance how long the last keys fetched keep validating tokens while the realm
 *     does not answer: Keycloak down or redeployed must not log everyone out of every service
 */
@ConfigurationProperties("digicell.security")
public record SecurityProperties(
    String issuerUri,
    String jwkSetUri,
    String audience,
    List<String> publicPaths,
    List<String> allowedClients,
    Duration keysRefreshEvery,
    Duration keysOutageTolerance) {

  /** The realm's DigiCell clients that call the APIs with a user's token. */
  public static final List<String> DEFAULT_ALLOWED_CLIENTS =
      List.of("digicell-gateway", "digicell-cli", "digicell-ops");

  public SecurityProperties {
    if (issuerUri == null || issuerUri.isBlank()) {
      issuerUri = "http://localhost:8180/realms/digicell";
    }
    if (jwkSetUri == null || jwkSetUri.isBlank()) {
      jwkSetUri = issuerUri + "/protocol/openid-connect/certs";
    }
    if (audience == null || audience.isBlank()) {
      audience = "digicell-api";
    }
    if (keysRefreshEvery == null || keysRefreshEvery.isNegative() || keysRefreshEvery.isZero()) {
      keysRefreshEvery = Duration.ofMinutes(5);
    }
    if (keysOutageTolerance == null || keysOutageTolerance.isNegative()) {
      keysOutageTolerance = Duration.ofHours(24);
    }
    publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    allowedClients =
        allowedClients == null || allowedClients.isEmpty()
            ? DEFAULT_ALLOWED_CLIENTS
            : allowedClients.stream().map(String::trim).filter(c -> !c.isEmpty()).toList();
  }
}

package vn.digicell.gateway.security;

import java.util.Collection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Validates bearer tokens of API clients (scripts, analysts' tools, the mobile app) at the edge:
 * signature against the realm's published keys, issuer, expiry and the {@code digicell-api}
 * audience, issued to one of the realm's DigiCell clients ({@code azp}). Keys are fetched lazily,
 * so start-up never waits for Keycloak.
 */
@Configuration(proxyBeanMethods = false)
class BearerTokenConfiguration {

  @Bean
  ReactiveJwtDecoder jwtDecoder(IdentityProviderProperties provider) {
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withJwkSetUri(provider.effectiveJwkSetUri()).build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(provider.issuerUri()),
            new JwtClaimValidator<Collection<String>>(
                JwtClaimNames.AUD,
                audience ->
                    audience != null && audience.contains(IdentityProviderProperties.API_AUDIENCE)),
            new JwtClaimValidator<String>(
                "azp", azp -> azp != null && provider.allowedClients().contains(azp))));
    return decoder;
  }
}

package vn.digicell.platform.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.platform.web.DigiCellWebAutoConfiguration;
import vn.digicell.platform.web.PlatformMessages;

/**
 * Every service is an OAuth2 resource server validating Keycloak tokens itself (signature, issuer,
 * audience, expiry), stateless, answering 401/403 as problems.
 */
@AutoConfiguration(
    after = DigiCellWebAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class DigiCellSecurityAutoConfiguration {

  private static final List<String> ALWAYS_PUBLIC =
      List.of(
          "/actuator/health",
          "/actuator/health/**",
          "/actuator/info",
          "/actuator/prometheus",
          "/v3/api-docs",
          "/v3/api-docs/**",
          "/error");

  /** The claim naming the client a token was issued to. */
  static final String AUTHORIZED_PARTY = "azp";

  /** How long one fetch of the realm's keys may take before it counts as failed. */
  static final int KEY_FETCH_TIMEOUT_MILLIS = 2_000;

  /**
   * Tokens are checked against the realm's published keys, kept for {@code keys-refresh-every};
   * when the realm does not answer a refresh (Keycloak down, restarting, redeployed), the keys last
   * fetched keep serving for {@code keys-outage-tolerance}, so every token issued before the outage
   * stays valid until it expires. Without it, every service answered 401 to everyone five minutes
   * into a Keycloak outage.
   */
  @Bean
  @ConditionalOnMissingBean
  JwtDecoder jwtDecoder(SecurityProperties properties) throws MalformedURLException {
    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.create(
                URI.create(properties.jwkSetUri()).toURL(),
                new DefaultResourceRetriever(
                    KEY_FETCH_TIMEOUT_MILLIS,
                    KEY_FETCH_TIMEOUT_MILLIS,
                    JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
            .cache(properties.keysRefreshEvery().toMillis(), KEY_FETCH_TIMEOUT_MILLIS)
            // fetched again shortly before they expire, off the request's path, when time allows
            .refreshAheadCache(
                properties.keysRefreshEvery().toMillis()
                    > JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME + KEY_FETCH_TIMEOUT_MILLIS)
            // an unknown key id fetches the keys again, at most this often (a forged kid flood)
            .rateLimited(
                Math.min(
                    JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL,
                    properties.keysRefreshEvery().toMillis() / 2))
            .outageTolerant(properties.keysOutageTolerance().toMillis())
            .build();
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
    JwtClaimValidator<List<String>> audience =
        new JwtClaimValidator<>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(properties.audience()));
    // azp: the client the token was issued to; another client of the realm with the digicell
    // scope gets the API audience too, and must still be refused
    JwtClaimValidator<String> authorizedParty =
        new JwtClaimValidator<>(
            AUTHORIZED_PARTY, azp -> azp != null && properties.allowedClients().contains(azp));
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(properties.issuerUri()),
            audience,
            authorizedParty));
    return decoder;
  }

  @Bean
  @ConditionalOnMissingBean
  AccessGuard accessGuard() {
    return new AccessGuard();
  }

  @Bean
  ProblemResponses securityProblemResponses(
      JsonMapper json, PlatformMessages messages, LocaleResolver localeResolver) {
    return new ProblemResponses(json, messages, localeResolver);
  }

  @Bean
  SecurityProblemsAdvice securityProblemsAdvice(
      ProblemResponses problems, LocaleResolver localeResolver) {
    return new SecurityProblemsAdvice(problems, localeResolver);
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain digiCellResourceServer(
      HttpSecurity http,
      JwtDecoder decoder,
      ProblemResponses problems,
      SecurityProperties properties)
      throws Exception {
    List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
    open.addAll(properties.publicPaths());
    http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only: no cookies to forge
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(open.toArray(String[]::new))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            o ->
                o.jwt(
                        j ->
                            j.decoder(decoder)
                                .jwtAuthenticationConverter(new KeycloakTokenConverter()))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    return http.build();
  }
}

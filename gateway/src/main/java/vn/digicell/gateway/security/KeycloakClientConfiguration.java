package vn.digicell.gateway.security;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * The gateway as a confidential OpenID Connect client of the Keycloak realm.
 *
 * <p>The provider's endpoints are derived from the issuer instead of discovered, so the gateway
 * starts while Keycloak is still booting. Tokens are kept in the server-side web session only; the
 * browser holds nothing but the session cookie.
 */
@Configuration(proxyBeanMethods = false)
class KeycloakClientConfiguration {

  static final String REGISTRATION_ID = "keycloak";

  @Bean
  ReactiveClientRegistrationRepository clientRegistrationRepository(
      IdentityProviderProperties provider, GatewayClientProperties client) {
    return new InMemoryReactiveClientRegistrationRepository(keycloak(provider, client));
  }

  static ClientRegistration keycloak(
      IdentityProviderProperties provider, GatewayClientProperties client) {
    return ClientRegistration.withRegistrationId(REGISTRATION_ID)
        .clientName("Keycloak")
        .clientId(client.clientId())
        .clientSecret(client.clientSecret())
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        // PKCE even for this confidential client: a stolen code is useless without the verifier
        .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
        .issuerUri(provider.issuerUri())
        .authorizationUri(provider.openIdConnectEndpoint("auth"))
        .tokenUri(provider.openIdConnectEndpoint("token"))
        .jwkSetUri(provider.effectiveJwkSetUri())
        .userInfoUri(provider.openIdConnectEndpoint("userinfo"))
        .userNameAttributeName("preferred_username")
        .providerConfigurationMetadata(
            Map.of("end_session_endpoint", provider.openIdConnectEndpoint("logout")))
        .build();
  }

  @Bean
  ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
    return new WebSessionServerOAuth2AuthorizedClientRepository();
  }

  /** Hands out the session's access token, refreshing it first when it has expired. */
  @Bean
  ReactiveOAuth2AuthorizedClientManager authorizedClientManager(
      ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository authorizedClients) {
    DefaultReactiveOAuth2AuthorizedClientManager manager =
        new DefaultReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
    manager.setAuthorizedClientProvider(
        ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
            .authorizationCode()
            .refreshToken()
            .build());
    return manager;
  }
}

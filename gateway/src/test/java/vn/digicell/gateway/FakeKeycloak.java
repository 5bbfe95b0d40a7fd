package vn.digicell.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The parts of a Keycloak realm the gateway talks to, as real HTTP on a random port: signing keys
 * ({@code certs}), the token endpoint (authorization code and refresh grants), and userinfo. Tokens
 * are shaped like the {@code digicell} realm's: the access token carries {@code
 * realm_access.roles}, {@code org_scope}, {@code member_id} and the {@code digicell-api} audience;
 * the ID token is for the gateway's client and echoes the login's nonce.
 */
final class FakeKeycloak {

  static final String CODE = "authorization-code-1";
  static final String VALID_REFRESH_TOKEN = "refresh-token-1";
  static final String SUBJECT = "4f1c0a52-0000-4000-8000-secretary";

  private final RSAKey key;
  private final HttpServer server;
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  private volatile String expectedNonce;
  private volatile String lastIssuedAccessToken;
  private volatile String lastIssuedIdToken;
  // refresh tokens are revoked on use (the realm's revokeRefreshToken, refreshTokenMaxReuse 0):
  // each refresh answers a new one, and the used one is dead
  private final java.util.Set<String> liveRefreshTokens =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger refreshTokensIssued =
      new java.util.concurrent.atomic.AtomicInteger(1);

  {
    liveRefreshTokens.add(VALID_REFRESH_TOKEN);
  }

  FakeKeycloak() {
    try {
      key = new RSAKeyGenerator(2048).keyID("realm-key").keyUse(KeyUse.SIGNATURE).generate();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    String oidc = "/realms/digicell/protocol/openid-connect/";
    server.createContext(
        oidc + "certs", exchange -> send(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
    server.createContext(oidc + "token", this::token);
    // what the gateway asks before it sends a browser to the login (is the realm answering?)
    server.createContext(
        "/realms/digicell/.well-known/openid-configuration",
        exchange -> send(exchange, 200, "{\"issuer\":\"" + issuerUri() + "\"}"));
    server.createContext(
        oidc + "userinfo",
        exchange ->
            send(
                exchange,
                200,
                """
                {"sub":"%s","preferred_username":"secretary","name":"Nguyễn Thị Bí Thư"}"""
                    .formatted(SUBJECT)));
    server.start();
  }

  /** A browser's login through the gateway, as the gateway saw it. */
  record BrowserLogin(
      MultiValueMap<String, String> authorization,
      String preLoginSession,
      EntityExchangeResult<Void> callback) {

    /** The session cookie the gateway set after the login (null if it set none). */
    ResponseCookie session() {
      return callback.getResponseCookies().getFirst("SESSION");
    }
  }

  /**
   * Logs a browser in: the login starts at {@code start}, this Keycloak accepts it, and its
   * redirect back lands at {@code callback} (the same gateway, or another replica behind the same
   * address).
   */
  BrowserLogin logIn(WebTestClient start, WebTestClient callback) {
    EntityExchangeResult<Void> begun =
        start
            .get()
            .uri("/oauth2/authorization/keycloak")
            .exchange()
            .expectStatus()
            .isFound()
            .expectBody(Void.class)
            .returnResult();
    MultiValueMap<String, String> authorization =
        UriComponentsBuilder.fromUri(begun.getResponseHeaders().getLocation())
            .build()
            .getQueryParams();
    String preLogin = begun.getResponseCookies().getFirst("SESSION").getValue();
    expectLogin(decode(authorization.getFirst("nonce")));
    EntityExchangeResult<Void> back =
        callback
            .get()
            .uri(
                uri ->
                    uri.path("/login/oauth2/code/keycloak")
                        .queryParam("code", CODE)
                        .queryParam("state", decode(authorization.getFirst("state")))
                        .build())
            .cookie("SESSION", preLogin)
            .exchange()
            .expectStatus()
            .isFound()
            .expectBody(Void.class)
            .returnResult();
    return new BrowserLogin(authorization, preLogin, back);
  }

  private static String decode(String queryValue) {
    return URLDecoder.decode(queryValue, StandardCharsets.UTF_8);
  }

  String issuerUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/digicell";
  }

  /** Keycloak remembers the nonce of the login it is about to complete. */
  void expectLogin(String nonce) {
    this.expectedNonce = nonce;
  }

  List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  String lastIssuedAccessToken() {
    return lastIssuedAccessToken;
  }

  String lastIssuedIdToken() {
    return lastIssuedIdToken;
  }

  void reset() {
    tokenRequests.clear();
    liveRefreshTokens.clear();
    liveRefreshTokens.add(VALID_REFRESH_TOKEN);
    refreshTokensIssued.set(1);
    expectedNonce = null;
    lastIssuedAccessToken = null;
    lastIssuedIdToken = null;
  }

  /** An access token of this realm for the demo secretary of cell C07. */
  String accessToken() {
    Instant now = Instant.now();
    return sign(
        new JWTClaimsSet.Builder()
            .jwtID(UUID.randomUUID().toString())
            .issuer(issuerUri())
            .subject(SUBJECT)
            .audience(List.of("digicell-api", "account"))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("azp", "digicell-gateway")
            .claim("preferred_username", "secretary")
            .claim("realm_access", Map.of("roles", List.of("member", "cell-secretary")))
            .claim("org_scope", List.of("/AG/VB/C07"))
            .claim("grants", List.of("member:/AG/VB/C07", "cell-secretary:/AG/VB/C07"))
            .claim("member_id", "m-secretary")
            .build());
  }

  private String idToken(String nonce) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuerUri())
            .subject(SUBJECT)
            .audience("digicell-gateway")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("azp", "digicell-gateway")
            .claim("preferred_username", "secretary")
            .claim("name", "Nguyễn Thị Bí Thư")
            .claim("org_scope", List.of("/AG/VB/C07"))
            .claim("member_id", "m-secretary");
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    return sign(claims.build());
  }

  private String sign(JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    form.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
    tokenRequests.add(form);
    String grant = form.get("grant_type");
    boolean validCode = "authorization_code".equals(grant) && CODE.equals(form.get("code"));
    boolean validRefresh =
        "refresh_token".equals(grant)
            && form.get("refresh_token") != null
            && liveRefreshTokens.remove(form.get("refresh_token"));
    if (!validCode && !validRefresh) {
      send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Not active\"}");
      return;
    }
    String refreshToken = "refresh-token-" + refreshTokensIssued.incrementAndGet();
    liveRefreshTokens.add(refreshToken);
    String accessToken = accessToken();
    String idToken = idToken(validCode ? expectedNonce : null);
    lastIssuedAccessToken = accessToken;
    lastIssuedIdToken = idToken;
    send(
        exchange,
        200,
        """
        {"access_token":"%s","id_token":"%s","token_type":"Bearer","expires_in":300,\
        "refresh_token":"%s","scope":"openid profile"}"""
            .formatted(accessToken, idToken, refreshToken));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

package vn.digicell.platform.test;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints signed JWTs shaped like the tokens of the {@code digicell} Keycloak realm, and serves the
 * signing key over real HTTP (a JWKS endpoint and OpenID discovery), so services validate test
 * tokens exactly as they validate Keycloak's: signature, issuer, audience and expiry.
 */
public final class TestTokens {

  /** The audience every DigiCell service expects. */
  public static final String AUDIENCE = "digicell-api";

  /** The client tokens are issued to ({@code azp}) unless a test names another: the portal's. */
  public static final String CLIENT = "digicell-gateway";

  private static final RSAKey SIGNING_KEY = generateKey("test-key");
  private static final RSAKey FOREIGN_KEY = generateKey("foreign-key");
  private static volatile HttpServer server;

  private TestTokens() {}

  /** The issuer tokens carry: {@code http://127.0.0.1:<port>/realms/digicell}. */
  public static String issuerUri() {
    return "http://127.0.0.1:" + server().getAddress().getPort() + "/realms/digicell";
  }

  /** Where the public signing key is served. */
  public static String jwkSetUri() {
    return issuerUri() + "/protocol/openid-connect/certs";
  }

  /** The properties a service needs to trust these tokens. */
  public static Map<String, String> properties() {
    return Map.of(
        "digicell.security.issuer-uri", issuerUri(),
        "digicell.security.jwk-set-uri", jwkSetUri());
  }

  /** A token for a user with the given username, to be refined and signed. */
  public static Builder forUser(String username) {
    return new Builder(username);
  }

  /** The value of an Authorization header for a signed token. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /** Fluent description of one token. */
  public static final class Builder {
    private final String username;
    private final List<String> roles = new ArrayList<>();
    private final List<String> orgScope = new ArrayList<>();
    private final List<String> grants = new ArrayList<>();
    private String memberId;
    private String issuer;
    private String audience = AUDIENCE;
    private String authorizedParty = CLIENT;
    private Duration lifetime = Duration.ofMinutes(5);
    private boolean signedByStranger;
    private Instant authTime;

    private Builder(String username) {
      this.username = username;
    }

    public Builder roles(String... roles) {
      this.roles.addAll(List.of(roles));
      return this;
    }

    public Builder orgScope(String... paths) {
      this.orgScope.addAll(List.of(paths));
      return this;
    }

    /**
     * One grant: {@code role} on everything under {@code orgPath}. A token with explicit grants
     * carries exactly those; a token without any gets every role of {@link #roles} on every path of
     * {@link #orgScope} (the shorthand for a user whose roles all hold on the same paths).
     */
    public Builder grant(String role, String orgPath) {
      this.grants.add(role + ":" + orgPath);
      return this;
    }

    public Builder memberId(String memberId) {
      this.memberId = memberId;
      return this;
    }

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    /** The client the token was issued to ({@code azp}); {@code null} leaves the claim out. */
    public Builder authorizedParty(String clientId) {
      this.authorizedParty = clientId;
      return this;
    }

    /** A negative lifetime gives a token that has already expired. */
    public Builder lifetime(Duration lifetime) {
      this.lifetime = lifetime;
      return this;
    }

    /** When the user last logged in (the {@code auth_time} claim); absent unless set. */
    public Builder authTime(Instant authTime) {
      this.authTime = authTime;
      return this;
    }

    /** Signs with a key the JWKS endpoint does not publish. */
    public Builder signedByStranger() {
      this.signedByStranger = true;
      return this;
    }

    private List<String> grantClaim() {
      if (!grants.isEmpty()) {
        return List.copyOf(grants);
      }
      List<String> crossed = new ArrayList<>();
      for (String role : roles) {
        for (String path : orgScope) {
          crossed.add(role + ":" + path);
        }
      }
      return crossed;
    }

    public String sign() {
      Instant now = Instant.now();
      Instant expiry = now.plus(lifetime);
      Instant issuedAt = lifetime.isNegative() ? expiry.minusSeconds(60) : now;
      JWTClaimsSet.Builder claims =
          new JWTClaimsSet.Builder()
              .jwtID(UUID.randomUUID().toString())
              .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
              .issuer(issuer != null ? issuer : issuerUri())
              .issueTime(Date.from(issuedAt))
              .expirationTime(Date.from(expiry))
              .claim("preferred_username", username)
              .claim("name", username)
              .claim("realm_access", Map.of("roles", List.copyOf(roles)))
              .claim("org_scope", List.copyOf(orgScope))
              .claim("grants", grantClaim());
      if (audience != null) {
        claims.audience(audience);
      }
      if (authorizedParty != null) {
        claims.claim("azp", authorizedParty);
      }
      if (memberId != null) {
        claims.claim("member_id", memberId);
      }
      if (authTime != null) {
        claims.claim("auth_time", authTime.getEpochSecond());
      }
      RSAKey key = signedByStranger ? FOREIGN_KEY : SIGNING_KEY;
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims.build());
      try {
        jwt.sign(new RSASSASigner(key));
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot sign test token", e);
      }
      return jwt.serialize();
    }
  }

  private static RSAKey generateKey(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer server() {
    HttpServer s = server;
    if (s == null) {
      synchronized (TestTokens.class) {
        s = server;
        if (s == null) {
          s = startServer();
          server = s;
        }
      }
    }
    return s;
  }

  private static HttpServer startServer() {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      String jwks = new JWKSet(SIGNING_KEY.toPublicJWK()).toString();
      s.createContext(
          "/realms/digicell/protocol/openid-connect/certs", exchange -> send(exchange, jwks));
      s.createContext(
          "/realms/digicell/.well-known/openid-configuration",
          exchange -> {
            String issuer = "http://127.0.0.1:" + s.getAddress().getPort() + "/realms/digicell";
            send(
                exchange,
                """
                {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",\
                "authorization_endpoint":"%1$s/protocol/openid-connect/auth",\
                "token_endpoint":"%1$s/protocol/openid-connect/token",\
                "subject_types_supported":["public"],\
                "id_token_signing_alg_values_supported":["RS256"]}"""
                    .formatted(issuer));
          });
      s.setExecutor(null);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the test JWKS server", e);
    }
  }

  private static void send(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

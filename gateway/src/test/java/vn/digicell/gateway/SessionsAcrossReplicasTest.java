package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import vn.digicell.platform.test.TestRedis;

/**
 * Two gateway replicas behind one public address, over real HTTP, sharing the session store (Redis)
 * as two pods behind a load balancer do: a login started on one finishes on the other, and the
 * session then works on both, until a logout on either ends it on both.
 */
class SessionsAcrossReplicasTest {

  static final FakeKeycloak KEYCLOAK = new FakeKeycloak();
  static final FakeService MEMBER = new FakeService("{\"items\":[],\"from\":\"member\"}");

  static ConfigurableApplicationContext replicaA;
  static ConfigurableApplicationContext replicaB;

  /** The address the browser sees (the load balancer's): replica A's; B is reached behind it. */
  static String publicHost;

  WebTestClient a;
  WebTestClient b;

  static ConfigurableApplicationContext replica() {
    return GatewayReplicas.start(
        Map.of(
            "digicell.security.issuer-uri", KEYCLOAK.issuerUri(),
            "digicell.routes.member", MEMBER.uri()));
  }

  @BeforeAll
  static void startTwoReplicas() {
    replicaA = replica();
    replicaB = replica();
    publicHost = "localhost:" + GatewayReplicas.port(replicaA);
  }

  @AfterAll
  static void stopReplicas() {
    replicaA.close();
    replicaB.close();
  }

  /** A client of one replica that sends the public Host, as the load balancer forwards it. */
  static WebTestClient through(ConfigurableApplicationContext replica) {
    return GatewayReplicas.client(replica, publicHost);
  }

  @BeforeEach
  void clients() {
    KEYCLOAK.reset();
    MEMBER.reset();
    a = through(replicaA);
    b = through(replicaB);
  }

  @Test
  void aLoginStartedOnOneReplicaFinishesOnTheOtherAndTheSessionServesOnBoth() {
    String session = logIn(a, b);

    for (WebTestClient replica : new WebTestClient[] {a, b}) {
      replica
          .get()
          .uri("/portal/me")
          .cookie("SESSION", session)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.username")
          .isEqualTo("secretary");
      replica
          .get()
          .uri("/api/members?orgUnit=c07")
          .cookie("SESSION", session)
          .exchange()
          .expectStatus()
          .isOk();
      assertThat(MEMBER.last().orElseThrow().authorization())
          .isEqualTo("Bearer " + KEYCLOAK.lastIssuedAccessToken());
    }
    assertThat(KEYCLOAK.tokenRequests()).as("one code exchange for the whole session").hasSize(1);

    // what one signed-in person costs the store (ADR 0011 sizes Redis from it): the session
    // with its tokens, under the namespace, expiring with the session
    String key = "digicell:gateway:sessions:sessions:" + session;
    String bytes = TestRedis.command("MEMORY", "USAGE", key);
    assertThat(bytes).as("the session is in Redis under " + key).startsWith(":");
    System.out.printf("one signed-in session in Redis: %s bytes%n", bytes.substring(1));
    assertThat(Long.parseLong(bytes.substring(1))).isBetween(500L, 32_768L);
    String ttl = TestRedis.command("TTL", key);
    assertThat(Long.parseLong(ttl.substring(1))).isBetween(60L, 1800L);
  }

  @Test
  void aLogoutOnOneReplicaEndsTheSessionOnTheOther() {
    String session = logIn(b, a);
    String csrf =
        a.get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseCookies()
            .getFirst("XSRF-TOKEN")
            .getValue();

    b.post()
        .uri("/logout")
        .cookie("SESSION", session)
        .cookie("XSRF-TOKEN", csrf)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData("_csrf", csrf))
        .exchange()
        .expectStatus()
        .isFound();

    a.get().uri("/portal/me").cookie("SESSION", session).exchange().expectStatus().isUnauthorized();
  }

  /** Starts the login on {@code first}; Keycloak's redirect back lands on {@code second}. */
  private String logIn(WebTestClient first, WebTestClient second) {
    FakeKeycloak.BrowserLogin login = KEYCLOAK.logIn(first, second);
    assertThat(login.authorization().getFirst("redirect_uri"))
        .as("the callback goes to the public address")
        .contains(publicHost);
    assertThat(login.callback().getResponseHeaders().getLocation())
        .as("logged in, back to the portal (not to an error page)")
        .hasToString("/");
    return login.session().getValue();
  }
}

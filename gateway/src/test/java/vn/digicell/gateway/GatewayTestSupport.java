package vn.digicell.gateway;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.digicell.platform.test.TestTokens;

/**
 * The gateway booted as a whole, trusting {@link TestTokens}, with a {@link FakeService} standing
 * in for each DigiCell service. Test classes extending this share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
abstract class GatewayTestSupport {

  static final FakeService MEMBER =
      new FakeService("{\"items\":[{\"id\":\"m1\"}],\"from\":\"member\"}");
  static final FakeService MEETING = new FakeService("{\"items\":[],\"from\":\"meeting\"}");
  static final FakeService DOCUMENT = new FakeService("{\"items\":[],\"from\":\"document\"}");
  static final FakeService NOTIFICATION =
      new FakeService("{\"items\":[],\"from\":\"notification\"}");

  @DynamicPropertySource
  static void gatewayProperties(DynamicPropertyRegistry properties) {
    properties.add("digicell.security.issuer-uri", TestTokens::issuerUri);
    properties.add("digicell.routes.member", MEMBER::uri);
    properties.add("digicell.routes.meeting", MEETING::uri);
    properties.add("digicell.routes.document", DOCUMENT::uri);
    properties.add("digicell.routes.notification", NOTIFICATION::uri);
    properties.add("digicell.gateway.client-secret", () -> "test-secret");
  }

  @Autowired ApplicationContext context;

  WebTestClient client;

  @BeforeEach
  void bindClient() {
    MEMBER.reset();
    MEETING.reset();
    DOCUMENT.reset();
    NOTIFICATION.reset();
    client =
        WebTestClient.bindToApplicationContext(context)
            .apply(springSecurity())
            .configureClient()
            .responseTimeout(Duration.ofSeconds(20))
            .build();
  }
}

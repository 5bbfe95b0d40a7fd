package vn.digicell.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.platform.test.TestTokens;

/**
 * Only tokens issued to the realm's DigiCell clients are accepted ({@code azp}): a token another
 * client of the realm obtained with the {@code digicell} scope carries the API audience and valid
 * grants, and still gets 401.
 */
@SpringBootTest(
    classes = AllowedClientsTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class AllowedClientsTest {

  @EnableAutoConfiguration
  @Import(Sample.class)
  static class App {}

  @RestController
  static class Sample {
    @GetMapping("/api/sample")
    String sample() {
      return "ok";
    }
  }

  @DynamicPropertySource
  static void trustTestTokens(DynamicPropertyRegistry registry) {
    TestTokens.properties().forEach((k, v) -> registry.add(k, () -> v));
  }

  @Autowired MockMvc mvc;

  private static String token(String clientId) {
    return TestTokens.bearer(
        TestTokens.forUser("secretary")
            .grant("cell-secretary", "/AG/VB/C07")
            .authorizedParty(clientId)
            .sign());
  }

  @Test
  void theGatewaysTokensAreAccepted() throws Exception {
    mvc.perform(get("/api/sample").header(HttpHeaders.AUTHORIZATION, token("digicell-gateway")))
        .andExpect(status().isOk())
        .andExpect(content().string("ok"));
  }

  @Test
  void theLocalScriptsClientIsAcceptedByDefault() throws Exception {
    mvc.perform(get("/api/sample").header(HttpHeaders.AUTHORIZATION, token("digicell-cli")))
        .andExpect(status().isOk());
  }

  @Test
  void aTokenOfAnotherClientWithTheDigicellScopeGets401() throws Exception {
    mvc.perform(get("/api/sample").header(HttpHeaders.AUTHORIZATION, token("reporting-portal")))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
  }

  @Test
  void aTokenNamingNoClientGets401() throws Exception {
    mvc.perform(get("/api/sample").header(HttpHeaders.AUTHORIZATION, token(null)))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void theAllowListIsConfigurable() {
    SecurityProperties configured =
        new SecurityProperties(
            null, null, null, null, List.of(" digicell-gateway ", "analytics"), null, null);
    assertThat(configured.allowedClients()).containsExactly("digicell-gateway", "analytics");
    assertThat(new SecurityProperties(null, null, null, null, null, null, null).allowedClients())
        .containsExactly("digicell-gateway", "digicell-cli", "digicell-ops");
  }
}

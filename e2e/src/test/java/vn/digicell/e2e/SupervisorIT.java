package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.digicell.local.RunningPlatform;
import vn.digicell.local.Service;
import vn.digicell.platform.test.TestHttp;

/**
 * The local platform restarts a service that dies, as Kubernetes would: document-service is killed
 * with SIGKILL and comes back by itself, answering through the gateway again.
 */
class SupervisorIT {

  @Test
  void aServiceKilledWithSigkillIsRestartedAndAnswersAgain() {
    RunningPlatform platform = E2ePlatform.get();
    TestHttp gateway = E2ePlatform.gateway();
    String admin = platform.accessToken("admin");
    int before = platform.restarts(Service.DOCUMENT);
    ProcessHandle victim = platform.process(Service.DOCUMENT).orElseThrow();
    // the service JVM itself (the launcher starts java directly, so the child is the JVM)
    assertThat(victim.destroyForcibly()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> !victim.isAlive());

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> platform.restarts(Service.DOCUMENT) == before + 1);
    ProcessHandle successor = platform.process(Service.DOCUMENT).orElseThrow();
    assertThat(successor.pid()).isNotEqualTo(victim.pid());

    TestHttp direct = new TestHttp(platform.endpoints().service(Service.DOCUMENT).toString());
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> direct.get("/actuator/health/readiness", null).status() == 200);
    TestHttp.Response documents = gateway.get("/api/documents?size=1", admin);
    assertThat(documents.status()).as(documents.body()).isEqualTo(200);
    // restarted once, not in a loop
    assertThat(platform.restarts(Service.DOCUMENT)).isEqualTo(before + 1);
  }
}

package vn.digicell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicasTest {

  @Test
  void theSecondReplicaOfEachServiceAndGatewayListensTenPortsHigherAndSharesTheRest() {
    Ports first = Ports.withOffset(0);
    Ports second = first.replica(2);

    assertThat(second.gateway()).isEqualTo(8090);
    assertThat(second.of(Service.MEMBER)).isEqualTo(8091);
    assertThat(second.of(Service.NOTIFICATION)).isEqualTo(8094);
    // one broker, one store, one Keycloak, one Redis, one mail server for both
    assertThat(second.kafka()).isEqualTo(first.kafka());
    assertThat(second.mongo()).isEqualTo(first.mongo());
    assertThat(second.keycloak()).isEqualTo(first.keycloak());
    assertThat(second.redis()).isEqualTo(first.redis()).isEqualTo(6380);
    assertThat(second.smtp()).isEqualTo(first.smtp());
    // and the e2e suite's shifted platform keeps the same layout
    assertThat(Ports.withOffset(10000).replica(2).gateway()).isEqualTo(18090);
    assertThat(Ports.withOffset(10000).replica(2).redis()).isEqualTo(16380);
  }

  @Test
  void theLauncherChecksEveryReplicasPortsBeforeStarting() {
    Map<Integer, String> wanted =
        PortCheck.portsOf(Ports.withOffset(0), EnumSet.allOf(Service.class), 2);

    assertThat(wanted)
        .containsKeys(8080, 8081, 8084, 8090, 8091, 8094, 6380)
        .containsEntry(8091, "member-service (replica 2)");
    // no port is wanted twice for different things
    assertThat(wanted).hasSize(wanted.values().stream().distinct().toList().size());
  }

  @Test
  void replicasIsOneByDefaultTwoOnRequestAndNothingElse() {
    assertThat(LocalPlatform.parse(new String[0]).replicas()).isEqualTo(1);
    assertThat(LocalPlatform.parse(new String[] {"--replicas", "2"}).replicas()).isEqualTo(2);
    assertThat(LocalPlatform.parse(new String[] {"--replicas=2"}).replicas()).isEqualTo(2);
    assertThatThrownBy(() -> LocalPlatform.parse(new String[] {"--replicas", "3"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--replicas must be 1 or 2");
  }
}

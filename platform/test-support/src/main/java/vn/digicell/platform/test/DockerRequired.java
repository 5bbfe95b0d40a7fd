package vn.digicell.platform.test;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Skips a {@link ParityTest} with a message an operator understands when there is no Docker. */
final class DockerRequired implements ExecutionCondition {

  private static volatile Boolean available;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (dockerAvailable()) {
      return ConditionEvaluationResult.enabled("a Docker engine is available");
    }
    return ConditionEvaluationResult.disabled(
        "Parity test skipped: no Docker engine is reachable here. It runs against real MongoDB"
            + " (replica set), Kafka and Keycloak containers wherever Docker is available"
            + " (DOCKER_HOST or /var/run/docker.sock).");
  }

  private static boolean dockerAvailable() {
    if (available == null) {
      available = DockerClientFactory.instance().isDockerAvailable();
    }
    return available;
  }
}

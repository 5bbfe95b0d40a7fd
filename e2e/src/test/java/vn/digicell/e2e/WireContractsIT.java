package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other class of the shared platform (the class order in {@code
 * junit-platform.properties}): every record the journeys, the browser tests and the admissions put
 * on the wire keeps its contract, checked as an analyst reads the topics.
 */
@Order(Integer.MAX_VALUE)
class WireContractsIT {

  @Test
  void everyRecordTheSuiteProducedKeepsItsContract() {
    WireContracts.Report report =
        WireContracts.check(E2ePlatform.get().endpoints().kafkaBootstrapServers());
    System.out.println("wire contracts: " + report.summary() + " " + report.perType());
    assertThat(report.invalid()).as(report.summary()).isEmpty();
    assertThat(report.records()).as("the suite put events on the wire").isPositive();
  }
}

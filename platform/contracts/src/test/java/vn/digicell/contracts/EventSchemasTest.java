package vn.digicell.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyCatalogueEntryHasASchemaAndATopic() {
    assertThat(EventCatalogue.entries()).isNotEmpty();
    assertThat(EventCatalogue.entries())
        .allSatisfy(
            e -> {
              assertThat(EventSchemas.isKnown(e.type())).as(e.type()).isTrue();
              assertThat(e.type()).matches("vn\\.digicell\\.[a-z]+\\.[a-z-]+\\.v[0-9]+");
              assertThat(e.topic()).isNotBlank();
            });
  }

  @Test
  void aCompleteAdmissionIsValid() {
    assertThat(
            EventSchemas.violations(
                "vn.digicell.member.admitted.v1",
                json(
                    """
                    {"memberId":"m1","partyNumber":"89.000123","fullName":"Nguyễn Thị Hoa",
                     "gender":"FEMALE","birthYear":1990,"orgUnitId":"o1","orgPath":"/AG/VB/C07",
                     "admittedOn":"2024-05-19","status":"PROBATIONARY"}""")))
        .isEmpty();
  }

  @Test
  void personalDataOnTheGeneralStreamIsRejected() {
    assertThat(
            EventSchemas.violations(
                "vn.digicell.member.admitted.v1",
                json(
                    """
                    {"memberId":"m1","partyNumber":"89.000123","fullName":"Nguyễn Thị Hoa",
                     "gender":"FEMALE","birthYear":1990,"orgUnitId":"o1","orgPath":"/AG/VB/C07",
                     "admittedOn":"2024-05-19","status":"PROBATIONARY","citizenId":"089190000001"}""")))
        .isNotEmpty();
  }

  @Test
  void missingFieldsAndWrongTypesAreViolations() {
    assertThat(
            EventSchemas.violations(
                "vn.digicell.orgunit.created.v1", json("{\"orgUnitId\":\"o1\",\"code\":7}")))
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void unknownTypesAndNonJsonPayloadsAreViolations() {
    assertThat(EventSchemas.violations("vn.digicell.nothing.happened.v1", json("{}")))
        .singleElement()
        .asString()
        .contains("no JSON Schema");
    assertThat(EventSchemas.violations("vn.digicell.orgunit.created.v1", json("{not json")))
        .singleElement()
        .asString()
        .contains("not JSON");
    assertThatThrownBy(
            () -> EventSchemas.requireValid("vn.digicell.orgunit.created.v1", json("{}")))
        .isInstanceOf(InvalidEventPayloadException.class);
  }
}

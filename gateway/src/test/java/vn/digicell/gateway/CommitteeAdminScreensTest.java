package vn.digicell.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committee and admin screens (committee.js, admin.js, charts.js): every text they ask for
 * exists in Vietnamese and in English, including the texts of the codes the services send (states,
 * kinds, statuses), and no text of theirs is written into the scripts themselves.
 */
class CommitteeAdminScreensTest {

  private static final Path STATIC = Path.of("src/main/resources/static");
  private static final List<String> SCRIPTS = List.of("committee.js", "admin.js", "charts.js");
  private static final Pattern KEY =
      Pattern.compile("'((?:committee|admin)\\.[A-Za-z0-9.-]*[A-Za-z0-9])'");

  @Test
  void everyTextTheScreensAskForExistsInBothLanguages() throws IOException {
    Set<String> used = new TreeSet<>();
    for (String script : SCRIPTS) {
      Matcher m = KEY.matcher(Files.readString(STATIC.resolve(script)));
      while (m.find()) {
        used.add(m.group(1));
      }
    }
    assertThat(used).hasSizeGreaterThan(150);
    for (String bundle : List.of("messages_vi.properties", "messages_en.properties")) {
      Properties texts = load(bundle);
      assertThat(used.stream().filter(k -> !texts.containsKey(k)).toList())
          .as("keys used by the screens but missing in " + bundle)
          .isEmpty();
    }
  }

  @Test
  void theCodesTheServicesSendHaveTexts() {
    Properties vi = load("messages_vi.properties");
    Properties en = load("messages_en.properties");
    List<String> codes =
        List.of(
            // member-service: transfers, member statuses, org units, change kinds
            "committee.transfer.state.REQUESTED",
            "committee.transfer.state.APPROVED",
            "committee.transfer.state.RECEIVED",
            "committee.transfer.state.COMPLETED",
            "committee.transfer.state.REJECTED",
            "committee.transfer.state.EXPIRED",
            "committee.transfer.kind.OFFICIAL",
            "committee.transfer.kind.TEMPORARY",
            "committee.member.status.PROBATIONARY",
            "committee.member.status.OFFICIAL",
            "committee.member.status.EXEMPTED",
            "committee.gender.MALE",
            "committee.gender.FEMALE",
            "committee.changes.kind.admitted",
            "committee.changes.kind.recognisedOfficial",
            "committee.changes.kind.transferredIn",
            "committee.changes.kind.transferredOut",
            "committee.changes.kind.reassignedIn",
            "committee.changes.kind.reassignedOut",
            "committee.changes.kind.removed",
            "committee.changes.kind.expelled",
            "committee.changes.kind.deceased",
            "committee.changes.kind.exempted",
            "committee.changes.kind.returnedToActivities",
            "admin.kind.PROVINCE",
            "admin.kind.COMMUNE",
            "admin.kind.GRASSROOTS",
            "admin.kind.CELL",
            "admin.unitStatus.ACTIVE",
            "admin.unitStatus.DISSOLVED",
            "admin.unitStatus.MERGED",
            "admin.unitStatus.SPLIT",
            "admin.import.status.RUNNING",
            "admin.import.status.COMPLETED",
            "admin.import.status.FAILED",
            // notification-service: broadcasts and feedback
            "committee.broadcast.kind.ANNOUNCEMENT",
            "committee.broadcast.kind.TASK",
            "committee.recipient.state.NOT_READ",
            "committee.recipient.state.READ",
            "committee.recipient.state.NOT_ACKNOWLEDGED",
            "committee.recipient.state.ACKNOWLEDGED",
            "committee.feedback.status.RECEIVED",
            "committee.feedback.status.ASSIGNED",
            "committee.feedback.status.IN_PROGRESS",
            "committee.feedback.status.RESOLVED",
            "committee.feedback.status.DECLINED",
            "committee.feedback.category.LAND",
            "committee.feedback.category.ENVIRONMENT",
            "committee.feedback.category.SECURITY_ORDER",
            "committee.feedback.category.SOCIAL_POLICY",
            "committee.feedback.category.PARTY_BUILDING",
            "committee.feedback.category.OTHER",
            // meeting-service: alerts; document-service: board audiences
            "committee.alert.regular-meeting-missed",
            "committee.alert.absence-alert-raised",
            "admin.audience.PUBLIC",
            "admin.audience.MEMBERS");
    assertThat(codes.stream().filter(k -> !vi.containsKey(k)).toList()).isEmpty();
    assertThat(codes.stream().filter(k -> !en.containsKey(k)).toList()).isEmpty();
  }

  @Test
  void vietnameseTextsAreWrittenWithTheirDiacritics() {
    Properties vi = load("messages_vi.properties");
    assertThat(vi.getProperty("committee.nav")).isEqualTo("Cấp ủy");
    assertThat(vi.getProperty("committee.chart.byCell.title")).contains("Tỷ lệ dự sinh hoạt");
    assertThat(vi.getProperty("admin.import.title")).isEqualTo("Nhập sổ đảng viên cũ");
  }

  @Test
  void theScriptsCarryNoVietnameseTextOfTheirOwn() throws IOException {
    // texts belong in the bundles: a Vietnamese letter in a script is a text written in place
    Pattern vietnamese =
        Pattern.compile(
            "[ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]");
    for (String script : SCRIPTS) {
      List<String> lines =
          Files.readAllLines(STATIC.resolve(script)).stream()
              .filter(line -> !line.trim().startsWith("*") && !line.trim().startsWith("//"))
              .filter(line -> vietnamese.matcher(line).find())
              .toList();
      assertThat(lines).as(script).isEmpty();
    }
  }

  private static Properties load(String bundle) {
    Properties properties = new Properties();
    try (InputStream in = CommitteeAdminScreensTest.class.getResourceAsStream("/" + bundle)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}

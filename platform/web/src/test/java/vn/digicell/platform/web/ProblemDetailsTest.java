package vn.digicell.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = ProblemDetailsTest.SampleController.class)
@ImportAutoConfiguration(DigiCellWebAutoConfiguration.class)
@Import(ProblemDetailsTest.SampleController.class)
@TestPropertySource(properties = "digicell.web.max-request-size=1KB")
class ProblemDetailsTest {

  static final AtomicInteger ACCEPTED = new AtomicInteger();

  record Admission(@NotBlank String fullName, @Past LocalDate dateOfBirth, Gender gender) {}

  enum Gender {
    MALE,
    FEMALE
  }

  @RestController
  static class SampleController {
    @PostMapping("/admissions")
    String admit(@Valid @RequestBody Admission admission) {
      ACCEPTED.incrementAndGet();
      return "ok";
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("secret internal detail");
    }

    @GetMapping("/missing")
    String missing() {
      throw ProblemException.notFound("member-not-found", "No member with id 42.");
    }

    @GetMapping("/count")
    String count(@RequestParam int n) {
      return "n=" + n;
    }
  }

  @Autowired MockMvc mvc;

  @BeforeEach
  void reset() {
    ACCEPTED.set(0);
  }

  @Test
  void invalidFieldsAreListedAndNothingIsDone() throws Exception {
    mvc.perform(
            post("/admissions")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "en")
                .content("{\"fullName\":\" \",\"dateOfBirth\":\"2999-01-01\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://digicell.vn/problems/validation-failed"))
        .andExpect(jsonPath("$.errors[0].field").value("dateOfBirth"))
        .andExpect(jsonPath("$.errors[1].field").value("fullName"));
    org.assertj.core.api.Assertions.assertThat(ACCEPTED).hasValue(0);
  }

  @Test
  void messagesAreVietnameseByDefault() throws Exception {
    mvc.perform(
            post("/admissions")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"fullName\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Dữ liệu không hợp lệ"))
        .andExpect(jsonPath("$.errors[0].message").value("không được để trống"));
  }

  @Test
  void malformedJsonIsABadRequestProblem() throws Exception {
    mvc.perform(
            post("/admissions").contentType(MediaType.APPLICATION_JSON).content("{\"fullName\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://digicell.vn/problems/malformed-request"));
  }

  @Test
  void anUnknownEnumValueNamesItsField() throws Exception {
    mvc.perform(
            post("/admissions")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"fullName\":\"Lê Văn Tám\",\"gender\":\"ROBOT\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("gender"));
    org.assertj.core.api.Assertions.assertThat(ACCEPTED).hasValue(0);
  }

  @Test
  void anOversizedBodyIsRefusedWith413() throws Exception {
    String big = "{\"fullName\":\"" + "a".repeat(2000) + "\"}";
    mvc.perform(post("/admissions").contentType(MediaType.APPLICATION_JSON).content(big))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("https://digicell.vn/problems/request-too-large"));
    org.assertj.core.api.Assertions.assertThat(ACCEPTED).hasValue(0);
  }

  @Test
  void unexpectedErrorsNeverLeakInternals() throws Exception {
    mvc.perform(get("/boom"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().string(not(containsString("secret internal detail"))))
        .andExpect(content().string(not(containsString("IllegalStateException"))))
        .andExpect(jsonPath("$.type").value("https://digicell.vn/problems/internal-error"));
  }

  @Test
  void domainProblemsKeepTheirStatusAndType() throws Exception {
    mvc.perform(get("/missing"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://digicell.vn/problems/member-not-found"))
        .andExpect(jsonPath("$.detail").value("No member with id 42."));
  }

  @Test
  void theCorrelationIdIsEchoedOrCreated() throws Exception {
    mvc.perform(get("/missing").header(CorrelationIdFilter.HEADER, "abc-123"))
        .andExpect(header().string(CorrelationIdFilter.HEADER, "abc-123"));
    mvc.perform(get("/missing").header(CorrelationIdFilter.HEADER, "bad value\nwith newline"))
        .andExpect(header().string(CorrelationIdFilter.HEADER, not("bad value\nwith newline")));
  }

  @Test
  void anAddressWithoutAHandlerIsAVietnameseNotFoundProblem() throws Exception {
    mvc.perform(get("/no/such/address"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://digicell.vn/problems/http-404"))
        .andExpect(jsonPath("$.title").value("Không tìm thấy"))
        .andExpect(jsonPath("$.detail").value("Không có nội dung nào ở địa chỉ này."));
    mvc.perform(get("/no/such/address").header("Accept-Language", "en"))
        .andExpect(jsonPath("$.title").value("Not found"))
        .andExpect(jsonPath("$.detail").value("There is nothing at this address."));
  }

  @Test
  void aMethodTheAddressDoesNotTakeIsAVietnamese405NamingWhatItTakes() throws Exception {
    mvc.perform(put("/missing"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.type").value("https://digicell.vn/problems/http-405"))
        .andExpect(jsonPath("$.title").value("Thao tác không được hỗ trợ"))
        .andExpect(
            jsonPath("$.detail").value("Địa chỉ này không nhận thao tác PUT; chỉ nhận: GET."));
    mvc.perform(put("/missing").header("Accept-Language", "en"))
        .andExpect(jsonPath("$.title").value("Method not allowed"))
        .andExpect(
            jsonPath("$.detail").value("This address does not accept PUT; it accepts: GET."));
  }

  @Test
  void anUnsupportedMediaTypeIsAVietnamese415() throws Exception {
    mvc.perform(post("/admissions").contentType(MediaType.TEXT_PLAIN).content("Lê Văn Tám"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.title").value("Định dạng nội dung không được hỗ trợ"))
        .andExpect(jsonPath("$.detail", containsString("text/plain")))
        .andExpect(jsonPath("$.detail", containsString("chỉ nhận: application/json")));
    org.assertj.core.api.Assertions.assertThat(ACCEPTED).hasValue(0);
  }

  @Test
  void aMistypedOrMissingParameterIsAVietnameseValidationProblemNamingIt() throws Exception {
    mvc.perform(get("/count").param("n", "mười"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Dữ liệu không hợp lệ"))
        .andExpect(jsonPath("$.errors[0].field").value("n"))
        .andExpect(jsonPath("$.errors[0].message").value("có giá trị không đọc được"));
    mvc.perform(get("/count"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Dữ liệu không hợp lệ"))
        .andExpect(jsonPath("$.errors[0].field").value("n"))
        .andExpect(jsonPath("$.errors[0].message").value("chưa có giá trị"));
  }

  @Test
  void anUnreadableBodyIsAVietnameseProblem() throws Exception {
    mvc.perform(
            post("/admissions").contentType(MediaType.APPLICATION_JSON).content("{\"fullName\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.title").value("Yêu cầu không đúng định dạng"))
        .andExpect(jsonPath("$.detail").value("Nội dung yêu cầu không phải JSON hợp lệ."));
  }

  @Test
  void aDomainProblemWithoutItsOwnTitleIsTitledInVietnameseByItsStatus() throws Exception {
    mvc.perform(get("/missing")).andExpect(jsonPath("$.title").value("Không tìm thấy"));
    mvc.perform(get("/missing").header("Accept-Language", "en"))
        .andExpect(jsonPath("$.title").value("Not found"));
  }
}

package vn.digicell.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
}

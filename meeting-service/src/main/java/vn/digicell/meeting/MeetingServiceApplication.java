package vn.digicell.meeting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Meeting-service: see docs/services/meeting-service.md. */
@SpringBootApplication
public class MeetingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(MeetingServiceApplication.class, args);
  }
}

package vn.digicell.meeting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Meeting-service: see docs/services/meeting-service.md. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MeetingServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(MeetingServiceApplication.class, args);
  }
}

package vn.digicell.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A full Spring Boot test of a service against the production engines in containers: MongoDB as a
 * replica set, Apache Kafka (KRaft) and Keycloak with the repository's {@code digicell} realm (see
 * {@link ParityContainers}). The class registers its properties with {@link
 * ParityContainers#register}. Where no Docker engine is reachable the class is skipped, saying so;
 * the embedded-infrastructure tests ({@link DigiCellIntegrationTest}) still run everywhere.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("parity")
public @interface ParityTest {}

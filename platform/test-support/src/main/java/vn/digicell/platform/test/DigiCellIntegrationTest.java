package vn.digicell.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A full Spring Boot test of a service against the real Kafka broker and the embedded
 * Mongo-compatible store of {@link TestInfrastructure}, trusting tokens from {@link TestTokens}.
 * Each test class gets its own database, so classes never see each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public @interface DigiCellIntegrationTest {}

package vn.digicell.notification.broadcast;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BroadcastProperties.class)
@EnableScheduling
class BroadcastConfiguration {

  /** Fan-outs and remind rounds run here, two at a time, off the request threads. */
  @Bean(destroyMethod = "shutdown")
  ExecutorService broadcastWorkers() {
    return Executors.newFixedThreadPool(2, Thread.ofPlatform().name("broadcast-", 0).factory());
  }
}

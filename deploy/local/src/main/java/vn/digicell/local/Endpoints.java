package vn.digicell.local;

import java.net.URI;

/** Where a running platform can be reached, for people (the banner) and for tests. */
public record Endpoints(Ports ports) {

  public URI gateway() {
    return local(ports.gateway());
  }

  public URI service(Service service) {
    return local(ports.of(service));
  }

  public URI keycloak() {
    return local(ports.keycloak());
  }

  /** The issuer every service validates tokens against. */
  public URI issuer() {
    return URI.create(keycloak() + "/realms/" + KeycloakClient.REALM);
  }

  public String kafkaBootstrapServers() {
    return "localhost:" + ports.kafka();
  }

  public String mongoUri() {
    return "mongodb://localhost:" + ports.mongo();
  }

  public String mongoUri(String database) {
    return mongoUri() + "/" + database;
  }

  private static URI local(int port) {
    return URI.create("http://localhost:" + port);
  }
}

package vn.digicell.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB-wire-compatible server with its H2 file backend: no MongoDB binary can be installed
 * on the machines this runs on, and the file backend keeps the data across restarts.
 */
final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server;

  private EmbeddedMongo(MongoServer server) {
    this.server = server;
  }

  static EmbeddedMongo start(Path mongoDir, int port) throws Exception {
    Files.createDirectories(mongoDir);
    MongoServer server = new MongoServer(new H2Backend(mongoDir.resolve("digicell.mv").toString()));
    server.bind("localhost", port);
    return new EmbeddedMongo(server);
  }

  /** Closes the client connections, then the backend, which flushes the H2 store to disk. */
  @Override
  public void close() {
    server.shutdown();
  }
}

package vn.digicell.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Kafka listeners the services actually declare, with their consumer groups resolved. */
final class Listeners {

  /**
   * A listener of {@code service} on {@code topic}; {@code group} is null when computed at run
   * time.
   */
  record Listener(String service, String topic, String group) {}

  private static final Pattern LISTENER =
      Pattern.compile(
          "@KafkaListener\\(\\s*topics\\s*=\\s*\"([^\"]+)\"\\s*,\\s*groupId\\s*=\\s*([^)]+?)\\)\\s*\\n");
  private static final Pattern CONSTANT_REF = Pattern.compile("(?:([A-Z]\\w*)\\.)?([A-Z_]+)");

  private Listeners() {}

  static List<Listener> inCode() {
    List<Listener> found = new ArrayList<>();
    for (String service : Repo.SERVICES) {
      Path sources = Repo.ROOT.resolve(service + "/src/main/java");
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = LISTENER.matcher(Files.readString(file));
          while (matcher.find()) {
            found.add(
                new Listener(
                    service, matcher.group(1), group(file, sources, matcher.group(2).trim())));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }

  private static String group(Path file, Path sources, String expression) throws IOException {
    if (expression.startsWith("\"") && expression.endsWith("\"") && !expression.contains("#{")) {
      return expression.substring(1, expression.length() - 1);
    }
    Matcher ref = CONSTANT_REF.matcher(expression);
    if (!ref.matches()) {
      return null; // a SpEL expression: only its prefix ACLs can be checked
    }
    Path declaring = ref.group(1) == null ? file : sibling(file, sources, ref.group(1));
    Matcher constant =
        Pattern.compile("static final String " + ref.group(2) + " = ([^;]+);")
            .matcher(Files.readString(declaring));
    if (!constant.find()) {
      throw new AssertionError("cannot resolve " + expression + " in " + declaring);
    }
    return group(declaring, sources, constant.group(1).trim());
  }

  private static Path sibling(Path file, Path sources, String className) throws IOException {
    Path same = file.resolveSibling(className + ".java");
    if (Files.exists(same)) {
      return same;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      Optional<Path> found =
          files.filter(f -> f.getFileName().toString().equals(className + ".java")).findFirst();
      return found.orElseThrow(
          () -> new AssertionError("no class " + className + " under " + sources));
    }
  }
}

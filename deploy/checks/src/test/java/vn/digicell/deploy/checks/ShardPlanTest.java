package vn.digicell.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The national overlay's shard plan ({@code shard-zones.js}) against the services' own documents,
 * read from their source: MongoDB refuses {@code shardCollection} on a collection with a unique
 * index that does not start with the shard key, and a shard key field the documents lack puts them
 * all in one chunk. Unique indexes are read from {@code @Indexed(unique = true)},
 * {@code @CompoundIndex(..., unique = true)} and {@code createIndex(... .unique())} in code; GridFS
 * chunks carry the driver's unique {@code {files_id: 1, n: 1}}.
 */
class ShardPlanTest {

  static final Path SCRIPT = Path.of("deploy/k8s/overlays/national/shard-zones.js");

  /** Each service's database, as the overlays name it. */
  static final Map<String, String> DATABASES =
      Map.of(
          "member-service", "digicell-member",
          "meeting-service", "digicell-meeting",
          "document-service", "digicell-document",
          "notification-service", "digicell-notification");

  /** A collection as the code declares it: where, and its unique indexes (fields in order). */
  record Declared(String namespace, String source, List<List<String>> uniqueIndexes) {}

  /** The shard keys the script sets: namespace → key fields, in order. */
  static Map<String, List<String>> shardKeys(String script) {
    int start = script.indexOf("const shardKeys = {");
    assertThat(start)
        .as("shard-zones.js declares its keys in `const shardKeys = {...}`")
        .isPositive();
    String literal = script.substring(start, script.indexOf("};", start));
    Map<String, List<String>> keys = new LinkedHashMap<>();
    Matcher entry = Pattern.compile("\"([\\w.-]+)\"\\s*:\\s*\\{([^}]*)\\}").matcher(literal);
    while (entry.find()) {
      List<String> fields = new ArrayList<>();
      Matcher field = Pattern.compile("(\\w+)\\s*:").matcher(entry.group(2));
      while (field.find()) {
        fields.add(field.group(1));
      }
      keys.put(entry.group(1), fields);
    }
    return keys;
  }

  private static final Pattern DOCUMENT =
      Pattern.compile("@Document\\((?:collection\\s*=\\s*)?\"([^\"]+)\"\\)");
  private static final Pattern UNIQUE_FIELD =
      Pattern.compile(
          "@Indexed\\([^)]*unique\\s*=\\s*true[^)]*\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
              + "(?:(?:private|protected|public|final|static)\\s+)*[\\w<>,.? ]+?\\s+(\\w+)\\s*[;=,)]");
  private static final Pattern COMPOUND = Pattern.compile("@CompoundIndex\\(([^)]*)\\)");
  private static final Pattern DEF_FIELD = Pattern.compile("'([\\w.]+)'\\s*:");
  private static final Pattern CODE_UNIQUE =
      Pattern.compile(
          "indexOps\\((\\w+|\"[^\"]+\")\\)\\s*\\.\\s*createIndex\\(([^;]*?\\.unique\\(\\))");
  private static final Pattern INDEX_FIELD = Pattern.compile("(?:Index|on)\\(\\s*\"([\\w.]+)\"");

  /** Every collection the services declare, with its unique indexes. */
  static Map<String, Declared> declared() {
    Map<String, Declared> all = new TreeMap<>();
    DATABASES.forEach(
        (module, database) -> {
          for (Path file : javaFiles(Repo.ROOT.resolve(module).resolve("src/main/java"))) {
            String source = read(file);
            String where = Repo.ROOT.relativize(file).toString();
            Matcher doc = DOCUMENT.matcher(source);
            if (doc.find()) {
              List<List<String>> unique = new ArrayList<>();
              Matcher field = UNIQUE_FIELD.matcher(source);
              while (field.find()) {
                unique.add(List.of(field.group(1)));
              }
              Matcher compound = COMPOUND.matcher(source);
              while (compound.find()) {
                if (compound.group(1).matches("(?s).*unique\\s*=\\s*true.*")) {
                  List<String> fields = new ArrayList<>();
                  Matcher f = DEF_FIELD.matcher(compound.group(1));
                  while (f.find()) {
                    fields.add(f.group(1));
                  }
                  unique.add(fields);
                }
              }
              String namespace = database + "." + doc.group(1);
              Declared before = all.get(namespace);
              if (before != null) {
                unique.addAll(before.uniqueIndexes());
              }
              all.put(namespace, new Declared(namespace, where, unique));
            }
            Matcher code = CODE_UNIQUE.matcher(source);
            while (code.find()) {
              String collection = collectionName(source, code.group(1));
              List<String> fields = new ArrayList<>();
              Matcher f = INDEX_FIELD.matcher(code.group(2));
              while (f.find()) {
                fields.add(f.group(1));
              }
              String namespace = database + "." + collection;
              Declared before = all.get(namespace);
              List<List<String>> unique =
                  new ArrayList<>(before == null ? List.of() : before.uniqueIndexes());
              unique.add(fields);
              all.put(namespace, new Declared(namespace, where, unique));
            }
            if (source.contains("GridFsTemplate")) {
              // the driver's own index on every bucket's chunks
              String namespace = database + ".fs.chunks";
              all.putIfAbsent(
                  namespace, new Declared(namespace, where, List.of(List.of("files_id", "n"))));
            }
          }
        });
    return all;
  }

  /** {@code "name"} itself, or the value of a {@code static final String NAME = "..."}. */
  private static String collectionName(String source, String reference) {
    if (reference.startsWith("\"")) {
      return reference.substring(1, reference.length() - 1);
    }
    Matcher constant =
        Pattern.compile("String\\s+" + reference + "\\s*=\\s*\"([^\"]+)\"").matcher(source);
    assertThat(constant.find()).as("the collection constant " + reference).isTrue();
    return constant.group(1);
  }

  /** What MongoDB would refuse: unique indexes of sharded collections not led by the key. */
  static List<String> violations(Map<String, List<String>> keys, Map<String, Declared> declared) {
    List<String> out = new ArrayList<>();
    keys.forEach(
        (namespace, key) -> {
          Declared collection = declared.get(namespace);
          if (collection == null) {
            return;
          }
          for (List<String> unique : collection.uniqueIndexes()) {
            boolean led = unique.size() >= key.size() && unique.subList(0, key.size()).equals(key);
            if (!led && !unique.equals(List.of("_id"))) {
              out.add(
                  namespace
                      + " is sharded on "
                      + key
                      + " but has the unique index "
                      + unique
                      + " ("
                      + collection.source()
                      + ")");
            }
          }
        });
    return out;
  }

  @Test
  void everyShardedCollectionIsOneTheServicesWrite() {
    Map<String, Declared> declared = declared();
    assertThat(shardKeys(Repo.read(SCRIPT.toString())).keySet())
        .isNotEmpty()
        .allSatisfy(
            ns -> assertThat(declared).as("a collection the services write").containsKey(ns));
  }

  @Test
  void everyUniqueIndexOfAShardedCollectionStartsWithItsShardKey() {
    assertThat(violations(shardKeys(Repo.read(SCRIPT.toString())), declared())).isEmpty();
  }

  @Test
  void everyShardKeyFieldIsAFieldOfTheDocuments() {
    Map<String, Declared> declared = declared();
    shardKeys(Repo.read(SCRIPT.toString()))
        .forEach(
            (namespace, key) -> {
              if (namespace.endsWith(".fs.chunks")) {
                assertThat(key).as(namespace).isEqualTo(List.of("files_id", "n"));
                return;
              }
              String source = Repo.read(declared.get(namespace).source());
              for (String field : key) {
                if (!field.equals("_id")) {
                  assertThat(source)
                      .as(namespace + " documents carry " + field)
                      .containsPattern("\\b[A-Z]\\w*(?:<[^>]*>)?\\s+" + field + "\\b");
                }
              }
            });
  }

  @Test
  void everyProvinceIsPinnedToExactlyOneOfTheSixShards() {
    String script = Repo.read(SCRIPT.toString());
    int start = script.indexOf("const zones = {");
    String zones = script.substring(start, script.indexOf("};", start));
    List<String> shards = new ArrayList<>();
    List<String> provinces = new ArrayList<>();
    Matcher zone = Pattern.compile("(rs\\d+)\\s*:\\s*\\[([^\\]]*)\\]").matcher(zones);
    while (zone.find()) {
      shards.add(zone.group(1));
      Matcher code = Pattern.compile("\"([A-Z]+)\"").matcher(zone.group(2));
      while (code.find()) {
        provinces.add(code.group(1));
      }
    }
    assertThat(shards).containsExactly("rs0", "rs1", "rs2", "rs3", "rs4", "rs5");
    assertThat(provinces).as("34 provinces, each in one zone").hasSize(34).doesNotHaveDuplicates();
  }

  @Test
  void theCheckRefusesThePlanMongoDbRefused() {
    // the earlier plan sharded the register and the packs on the org path; an index made in code
    // counts as much as an annotated one
    List<String> refused =
        violations(
            Map.of(
                "digicell-member.members", List.of("orgPath", "_id"),
                "digicell-document.meeting_packs", List.of("orgPath", "_id"),
                "digicell-document.ledger_leaves", List.of("orgPath", "_id"),
                "digicell-document.fs.chunks", List.of("files_id", "n")),
            declared());
    assertThat(refused)
        .anyMatch(v -> v.contains("members") && v.contains("[partyNumber]"))
        .anyMatch(v -> v.contains("members") && v.contains("[citizenIdHash]"))
        .anyMatch(v -> v.contains("meeting_packs") && v.contains("[code]"))
        .anyMatch(v -> v.contains("ledger_leaves") && v.contains("[entryId]"))
        .noneMatch(v -> v.contains("fs.chunks"));
  }

  private static List<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package vn.digicell.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Junk requests for every operation of one service, made from the service's own OpenAPI
 * description: wrong JSON types per field, missing required fields, 1 MB strings, bodies nested
 * 10,000 deep, broken JSON, wrong content types, bad path values (encoded slash, {@code %00}, 5,000
 * characters, not a UUID, {@code ..}) and bad query values (negative or huge sizes, garbage
 * cursors, unknown enum values, dates like 2026-13-45). Never a request that would be valid: a body
 * is always broken somewhere, a command's path id never names anything, and an operation with
 * nothing to break gets an invalid {@code Idempotency-Key}, which is refused before it runs.
 *
 * <p>Operations are taken in turn, each through its own list of kinds of junk, so a small sample
 * still reaches every operation; values vary with a fixed seed, so a run can be repeated.
 */
final class MalformedRequests {

  static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");
  static final int ONE_MEGABYTE = 1024 * 1024;
  static final int DEPTH = 10_000;

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One request to send: the path with its query, and the raw body as bytes. */
  record Junk(
      String operation,
      String kind,
      String method,
      String pathAndQuery,
      String contentType,
      byte[] body,
      boolean chunked,
      Map<String, String> headers) {

    boolean isCommand() {
      return COMMANDS.contains(method);
    }

    /** What a report shows of it: never the megabyte. */
    String describe() {
      String path =
          pathAndQuery.length() > 160 ? pathAndQuery.substring(0, 160) + "…" : pathAndQuery;
      return operation + " [" + kind + "] " + method + " " + path;
    }
  }

  /** One operation of the description, with what can be broken in it. */
  record Operation(
      String method,
      String path,
      List<JsonNode> pathParameters,
      List<JsonNode> queryParameters,
      String bodyType,
      JsonNode bodySchema,
      boolean eventStream) {

    String name() {
      return method + " " + path;
    }
  }

  private final JsonNode description;
  private final List<Operation> operations;
  private final Random random;

  MalformedRequests(JsonNode description, long seed) {
    this.description = description;
    this.random = new Random(seed);
    this.operations = operations(description);
  }

  List<Operation> operations() {
    return operations;
  }

  /** {@code count} junk requests, the operations taken in turn. */
  List<Junk> take(int count) {
    List<List<Function<Operation, Junk>>> kinds = new ArrayList<>();
    operations.forEach(op -> kinds.add(kindsFor(op)));
    List<Junk> junk = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int o = i % operations.size();
      List<Function<Operation, Junk>> own = kinds.get(o);
      junk.add(own.get((i / operations.size()) % own.size()).apply(operations.get(o)));
    }
    return junk;
  }

  // ---------------------------------------------------------------- what each operation can get

  private List<Function<Operation, Junk>> kindsFor(Operation op) {
    List<Function<Operation, Junk>> kinds = new ArrayList<>();
    if (!op.pathParameters().isEmpty()) {
      kinds.add(this::badPathValue);
    }
    if (op.bodyType() != null && op.bodyType().startsWith("multipart/")) {
      kinds.add(this::multipartWithoutBoundary);
      kinds.add(this::multipartBroken);
      kinds.add(this::jsonInsteadOfMultipart);
      kinds.add(this::hugeBody);
    } else if (op.bodyType() != null) {
      kinds.add(this::wrongTypeOfField);
      if (!required(op.bodySchema()).isEmpty()) {
        kinds.add(this::missingRequiredField);
      }
      kinds.add(this::wrongTypeOfBody);
      kinds.add(this::hugeBody);
      kinds.add(this::deepBody);
      kinds.add(this::brokenJson);
      kinds.add(this::wrongContentType);
      if (!op.pathParameters().isEmpty()) {
        kinds.add(this::badPathValue);
      }
    }
    if (!op.queryParameters().isEmpty()) {
      kinds.add(this::badQueryValue);
      if (op.queryParameters().stream().anyMatch(p -> p.path("required").asBoolean(false))) {
        kinds.add(this::missingRequiredQuery);
      }
    }
    if (COMMANDS.contains(op.method())) {
      kinds.add(this::invalidIdempotencyKey);
      if (op.bodyType() != null && !op.bodyType().startsWith("multipart/")) {
        kinds.add(this::hugeChunkedBodyWithKey);
      }
    } else if (op.queryParameters().isEmpty()) {
      kinds.add(this::garbageQuery);
    }
    return kinds;
  }

  // ---------------------------------------------------------------- path and query

  private static final List<String> BAD_PATH_VALUES =
      List.of(
          "not-a-uuid",
          "%2F",
          "a%2Fb",
          "%00",
          "a%00b",
          "a".repeat(5000),
          "..",
          "%2e%2e",
          "%2E%2E%2F%2E%2E",
          "%zz",
          "%C3%28",
          "%F0%9F%92%A9",
          "-1",
          "99999999999999999999",
          "%20",
          "null",
          "x;jsessionid=1",
          "%5C..%5C",
          "00000000-0000-0000-0000-00000000000g",
          "%27%20OR%201%3D1");

  private Junk badPathValue(Operation op) {
    String value = pick(BAD_PATH_VALUES);
    JsonNode victim = op.pathParameters().get(random.nextInt(op.pathParameters().size()));
    String path = op.path();
    for (JsonNode p : op.pathParameters()) {
      String name = p.path("name").asString();
      // the other ids are well formed but name nothing: the answer is about the bad one or a 404
      path =
          path.replace("{" + name + "}", p == victim ? value : wellFormedButUnknown(schemaOf(p)));
    }
    return withBodyIfAny(op, "bad path value", path);
  }

  private Junk badQueryValue(Operation op) {
    StringBuilder query = new StringBuilder();
    for (JsonNode p : op.queryParameters()) {
      if (!query.isEmpty()) {
        query.append('&');
      }
      query.append(p.path("name").asString()).append('=').append(badQueryFor(schemaOf(p)));
    }
    return withBodyIfAny(op, "bad query value", pathWithUnknownIds(op) + "?" + query);
  }

  private Junk missingRequiredQuery(Operation op) {
    StringBuilder query = new StringBuilder();
    for (JsonNode p : op.queryParameters()) {
      if (!p.path("required").asBoolean(false)) {
        query.append(query.isEmpty() ? "" : "&").append(p.path("name").asString()).append('=');
        query.append(badQueryFor(schemaOf(p)));
      }
    }
    return withBodyIfAny(
        op,
        "missing query parameter",
        pathWithUnknownIds(op) + (query.isEmpty() ? "" : "?" + query));
  }

  private Junk garbageQuery(Operation op) {
    String query =
        pick(
            List.of(
                "size=-1&cursor=%%%",
                "%=&a=%00",
                "size=99999999999999999999",
                "cursor=" + "Z".repeat(5000),
                "a[b]=c&a[b]=d&__proto__=x",
                "lang=%C3%28"));
    return withBodyIfAny(op, "garbage query", pathWithUnknownIds(op) + "?" + query);
  }

  private String badQueryFor(JsonNode schema) {
    String type = type(schema);
    List<String> common = List.of("%00", "%zz", "x".repeat(5000), "%C3%28");
    List<String> own =
        switch (type) {
          case "integer", "number" ->
              List.of("-1", "0", "2147483648", "99999999999999999999", "abc", "1e3", "NaN", "");
          case "boolean" -> List.of("maybe", "2", "");
          case "array" -> List.of("NO_SUCH_VALUE,%00", "", "a,b,c");
          default -> {
            if (schema.has("enum")) {
              yield List.of("NO_SUCH_VALUE", "", "lowercase-nonsense");
            }
            yield switch (schema.path("format").asString("")) {
              case "date" -> List.of("2026-13-45", "2026-02-30", "yesterday", "-1");
              case "date-time" -> List.of("2026-13-45T25:61:00Z", "now", "2026-02-30T00:00:00");
              case "uuid" -> List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g");
              default ->
                  List.of(
                      "!!!",
                      "eyJub3QiOiJhIGN1cnNvciJ9",
                      "-_-_-_",
                      "%2F..%2F..%2Fetc%2Fpasswd",
                      "%7B%22%24where%22%3A%22sleep(1000)%22%7D");
            };
          }
        };
    return random.nextInt(4) == 0 ? pick(common) : pick(own);
  }

  // ---------------------------------------------------------------- bodies

  private Junk wrongTypeOfField(Operation op) {
    Map<String, JsonNode> properties = properties(op.bodySchema());
    ObjectNode body = NODES.objectNode();
    if (properties.isEmpty()) {
      body.put("unexpected", true);
      return json(op, "wrong type of field", pathWithUnknownIds(op), body.toString());
    }
    List<String> names = new ArrayList<>(properties.keySet());
    String victim = names.get(random.nextInt(names.size()));
    // the other fields plausible, so the answer is about this one
    ObjectNode plausible = plausible(op.bodySchema(), 0).asObject();
    plausible.set(victim, wrongTypeFor(properties.get(victim)));
    return json(op, "wrong type of " + victim, pathWithUnknownIds(op), plausible.toString());
  }

  private Junk missingRequiredField(Operation op) {
    List<String> required = required(op.bodySchema());
    String victim = required.get(random.nextInt(required.size()));
    ObjectNode plausible = plausible(op.bodySchema(), 0).asObject();
    plausible.remove(victim);
    if (random.nextBoolean()) {
      required.forEach(plausible::remove);
    }
    return json(op, "missing " + victim, pathWithUnknownIds(op), plausible.toString());
  }

  private Junk wrongTypeOfBody(Operation op) {
    return json(
        op,
        "wrong type of body",
        pathWithUnknownIds(op),
        pick(List.of("[]", "\"a string\"", "42", "null", "true", "[{}]")));
  }

  private Junk hugeBody(Operation op) {
    String huge = "đ".repeat(ONE_MEGABYTE / 2);
    ObjectNode body =
        op.bodySchema() == null || properties(op.bodySchema()).isEmpty()
            ? NODES.objectNode()
            : plausible(op.bodySchema(), 0).asObject();
    List<String> strings = new ArrayList<>();
    properties(op.bodySchema()).forEach((k, v) -> strings.add(k));
    String field = strings.isEmpty() ? "extra" : strings.get(random.nextInt(strings.size()));
    body.put(field, huge);
    return json(op, "1 MB string in " + field, pathWithUnknownIds(op), body.toString());
  }

  private Junk hugeChunkedBodyWithKey(Operation op) {
    String body = "{\"extra\":\"" + "x".repeat(ONE_MEGABYTE) + "\"}";
    return new Junk(
        op.name(),
        "1 MB chunked body with an Idempotency-Key",
        op.method(),
        pathWithUnknownIds(op),
        "application/json",
        body.getBytes(StandardCharsets.UTF_8),
        true,
        // the body is refused before any record of the key is kept
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  private Junk deepBody(Operation op) {
    String body =
        random.nextBoolean()
            ? "[".repeat(DEPTH) + "]".repeat(DEPTH)
            : "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH);
    return json(op, "nested " + DEPTH + " deep", pathWithUnknownIds(op), body);
  }

  private Junk brokenJson(Operation op) {
    String body =
        pick(
            List.of(
                "{",
                "{\"a\":",
                "{'single':'quotes'}",
                "{\"a\":1,}",
                "{\"a\":NaN}",
                "{\"a\":\"\\u00\"}",
                "{\"a\":1}{\"b\":2}",
                "\u0000",
                "",
                "{\"a\":\"" + "\\".repeat(3) + "\"}",
                "{\"a\":1e999999999}",
                "{\"a\":\"unterminated"));
    return json(op, "broken JSON", pathWithUnknownIds(op), body);
  }

  private Junk wrongContentType(Operation op) {
    String plausible = plausible(op.bodySchema(), 0).toString();
    return switch (random.nextInt(5)) {
      case 0 -> raw(op, "text/plain body", "text/plain", plausible);
      case 1 -> raw(op, "XML body", "application/xml", "<request><a>1</a></request>");
      case 2 -> raw(op, "multipart without boundary", "multipart/form-data", plausible);
      case 3 -> raw(op, "form body", "application/x-www-form-urlencoded", "a=1&b=%zz");
      default ->
          raw(op, "unparsable content type", "application/json; charset=nonsense", plausible);
    };
  }

  private Junk multipartWithoutBoundary(Operation op) {
    return raw(op, "multipart without boundary", "multipart/form-data", "--x\r\n\r\n--x--\r\n");
  }

  private Junk multipartBroken(Operation op) {
    String boundary = "junk" + random.nextInt(1_000_000);
    String body =
        pick(
            List.of(
                // the closing boundary only: no parts at all
                "--" + boundary + "--\r\n",
                // a part that never ends
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nabc",
                // no headers, no blank line
                "--" + boundary + "\r\ngarbage\r\n--" + boundary + "--\r\n",
                // parts under names the operation does not know
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"unknown\"\r\n\r\nvalue\r\n--"
                    + boundary
                    + "--\r\n"));
    return raw(op, "broken multipart", "multipart/form-data; boundary=" + boundary, body);
  }

  private Junk jsonInsteadOfMultipart(Operation op) {
    return raw(op, "JSON instead of multipart", "application/json", "{\"file\":\"abc\"}");
  }

  private Junk invalidIdempotencyKey(Operation op) {
    String key = random.nextBoolean() ? "k".repeat(201) : "x".repeat(5000);
    Junk base = withBodyIfAny(op, "invalid Idempotency-Key", pathWithUnknownIds(op));
    return new Junk(
        base.operation(),
        base.kind(),
        base.method(),
        base.pathAndQuery(),
        base.contentType(),
        base.body(),
        false,
        Map.of("Idempotency-Key", key));
  }

  /** A path or query junk: a command with a body gets one that is broken as well. */
  private Junk withBodyIfAny(Operation op, String kind, String pathAndQuery) {
    if (op.bodyType() == null || !COMMANDS.contains(op.method())) {
      return new Junk(op.name(), kind, op.method(), pathAndQuery, null, null, false, Map.of());
    }
    if (op.bodyType().startsWith("multipart/")) {
      return new Junk(
          op.name(),
          kind,
          op.method(),
          pathAndQuery,
          "multipart/form-data; boundary=b",
          "--b--\r\n".getBytes(StandardCharsets.UTF_8),
          false,
          Map.of());
    }
    return new Junk(
        op.name(),
        kind,
        op.method(),
        pathAndQuery,
        "application/json",
        brokenBody(op).getBytes(StandardCharsets.UTF_8),
        false,
        Map.of());
  }

  /** A body that cannot be valid: a field of the wrong type, or not even an object. */
  private String brokenBody(Operation op) {
    Map<String, JsonNode> properties = properties(op.bodySchema());
    if (properties.isEmpty()) {
      return "[]";
    }
    ObjectNode body = plausible(op.bodySchema(), 0).asObject();
    String victim = new ArrayList<>(properties.keySet()).get(random.nextInt(properties.size()));
    body.set(victim, wrongTypeFor(properties.get(victim)));
    return body.toString();
  }

  private Junk json(Operation op, String kind, String path, String body) {
    return raw(op, kind, path, "application/json", body);
  }

  private Junk raw(Operation op, String kind, String contentType, String body) {
    return raw(op, kind, pathWithUnknownIds(op), contentType, body);
  }

  private Junk raw(Operation op, String kind, String path, String contentType, String body) {
    return new Junk(
        op.name(),
        kind,
        op.method(),
        path,
        contentType,
        body.getBytes(StandardCharsets.UTF_8),
        false,
        Map.of());
  }

  // ---------------------------------------------------------------- values from schemas

  /** A value of the wrong JSON type for this schema (never one Jackson would coerce). */
  private JsonNode wrongTypeFor(JsonNode schema) {
    schema = resolve(schema);
    if (schema.has("enum")) {
      // never "": Jackson may read an empty string as null, and null may be allowed
      return NODES.stringNode(pick(List.of("NO_SUCH_VALUE", "lower-case")));
    }
    return switch (type(schema)) {
      case "integer" ->
          pick(
              List.of(
                  NODES.stringNode("not-a-number"),
                  NODES.objectNode().put("n", 1),
                  // too large for an int or a long
                  NODES.numberNode(new java.math.BigInteger("9".repeat(40))),
                  NODES.arrayNode().add(1)));
      case "number" ->
          pick(List.of(NODES.stringNode("not-a-number"), NODES.objectNode().put("n", 1)));
      case "boolean" ->
          pick(List.of(NODES.stringNode("maybe"), NODES.objectNode(), NODES.arrayNode()));
      case "array" -> NODES.objectNode().put("not", "an array");
      case "object" -> pick(List.of(NODES.arrayNode().add(1), NODES.stringNode("not an object")));
      default ->
          switch (schema.path("format").asString("")) {
            case "date" -> NODES.stringNode(pick(List.of("2026-13-45", "2026-02-30", "not a day")));
            case "date-time" -> NODES.stringNode(pick(List.of("2026-13-45T25:61:00Z", "never")));
            case "uuid" -> NODES.stringNode("not-a-uuid");
            default -> pick(List.of(NODES.objectNode().put("not", "a string"), NODES.arrayNode()));
          };
    };
  }

  /** A value that looks right for the schema, as far as its type and format go. */
  private JsonNode plausible(JsonNode schema, int depth) {
    schema = resolve(schema);
    if (schema == null || schema.isMissingNode()) {
      return NODES.objectNode();
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    return switch (type(schema)) {
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        if (depth < 4) {
          properties(schema).forEach((name, s) -> object.set(name, plausible(s, depth + 1)));
        }
        yield object;
      }
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        if (depth < 4 && schema.has("items")) {
          array.add(plausible(schema.get("items"), depth + 1));
        }
        yield array;
      }
      case "integer" -> NODES.numberNode(1);
      case "number" -> NODES.numberNode(1.5);
      case "boolean" -> NODES.booleanNode(true);
      default ->
          switch (schema.path("format").asString("")) {
            case "date" -> NODES.stringNode("2020-05-19");
            case "date-time" -> NODES.stringNode("2026-01-01T08:00:00Z");
            case "uuid" -> NODES.stringNode(UUID.randomUUID().toString());
            case "binary", "byte" -> NODES.stringNode("YWJj");
            default -> NODES.stringNode("Junk " + random.nextInt(1000));
          };
    };
  }

  private String pathWithUnknownIds(Operation op) {
    String path = op.path();
    for (JsonNode p : op.pathParameters()) {
      path = path.replace("{" + p.path("name").asString() + "}", wellFormedButUnknown(schemaOf(p)));
    }
    return path;
  }

  /** A path value of the right shape that names nothing, so no command can take effect. */
  private String wellFormedButUnknown(JsonNode schema) {
    schema = resolve(schema);
    if (schema.has("enum")) {
      // an enum in the path (a channel, a kind) cannot name nothing: a value outside it
      return "NO_SUCH_VALUE";
    }
    return switch (type(schema)) {
      case "integer", "number" -> "987654321";
      default -> UUID.randomUUID().toString();
    };
  }

  private List<String> required(JsonNode schema) {
    List<String> names = new ArrayList<>();
    JsonNode resolved = resolve(schema);
    if (resolved != null) {
      resolved.path("required").forEach(n -> names.add(n.asString()));
      for (JsonNode part : resolved.path("allOf")) {
        names.addAll(required(part));
      }
    }
    return names;
  }

  private Map<String, JsonNode> properties(JsonNode schema) {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    JsonNode resolved = resolve(schema);
    if (resolved == null) {
      return properties;
    }
    for (JsonNode part : resolved.path("allOf")) {
      properties.putAll(properties(part));
    }
    JsonNode own = resolved.path("properties");
    for (String name : own.propertyNames()) {
      properties.put(name, own.get(name));
    }
    return properties;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int hops = 0; s != null && s.has("$ref") && hops < 10; hops++) {
      String ref = s.get("$ref").asString();
      s = description.at(ref.substring(1));
    }
    if (s != null && s.has("oneOf") && s.get("oneOf").size() > 0) {
      return resolve(s.get("oneOf").get(0));
    }
    if (s != null && s.has("anyOf") && s.get("anyOf").size() > 0) {
      return resolve(s.get("anyOf").get(0));
    }
    return s;
  }

  /** The schema's type: OpenAPI 3.1 may give a list ({@code ["string", "null"]}). */
  private static String type(JsonNode schema) {
    if (schema == null) {
      return "object";
    }
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asString())) {
          return t.asString();
        }
      }
    }
    if (type.isString()) {
      return type.asString();
    }
    return schema.has("properties") ? "object" : "string";
  }

  private JsonNode schemaOf(JsonNode parameter) {
    return resolve(parameter.path("schema"));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  // ---------------------------------------------------------------- reading the description

  private List<Operation> operations(JsonNode doc) {
    List<Operation> found = new ArrayList<>();
    JsonNode paths = doc.path("paths");
    for (String path : paths.propertyNames()) {
      JsonNode item = paths.get(path);
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        JsonNode op = item.get(method);
        if (op == null) {
          continue;
        }
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(parameters::add);
        op.path("parameters").forEach(parameters::add);
        List<JsonNode> inPath = new ArrayList<>();
        List<JsonNode> inQuery = new ArrayList<>();
        for (JsonNode p : parameters) {
          JsonNode resolved = resolve(p);
          switch (resolved.path("in").asString("")) {
            case "path" -> inPath.add(resolved);
            case "query" -> inQuery.addAll(flatten(resolved));
            default -> {}
          }
        }
        String bodyType = null;
        JsonNode bodySchema = null;
        JsonNode content = resolve(op.path("requestBody")).path("content");
        Iterator<String> types = content.propertyNames().iterator();
        if (types.hasNext()) {
          bodyType = types.next();
          bodySchema = content.get(bodyType).path("schema");
        }
        boolean stream = op.path("responses").toString().contains("text/event-stream");
        found.add(
            new Operation(
                method.toUpperCase(Locale.ROOT),
                path,
                inPath,
                inQuery,
                bodyType,
                bodySchema,
                stream));
      }
    }
    return found;
  }

  /**
   * A query object springdoc describes as one parameter (a pageable, a filter record) stands for
   * its properties, each a query parameter of its own.
   */
  private List<JsonNode> flatten(JsonNode parameter) {
    JsonNode schema = schemaOf(parameter);
    if (!"object".equals(type(schema)) || properties(schema).isEmpty()) {
      return List.of(parameter);
    }
    List<JsonNode> each = new ArrayList<>();
    properties(schema)
        .forEach(
            (name, s) ->
                each.add(NODES.objectNode().put("name", name).put("in", "query").set("schema", s)));
    return each;
  }

  static JsonNode parse(String description) {
    return JSON.readTree(description);
  }
}

package vn.digicell.platform.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * An authorisation matrix by construction: the endpoints come from the application's own handler
 * mappings, every endpoint must have a declared rule (a new endpoint without one fails the build),
 * and every rule is called with a token of every role on the resource's own path, a foreign path, a
 * foreign path plus a {@code member} grant on the own path (a temporary attachment), and no path at
 * all. Mismatches are all reported at once.
 *
 * <p>A service's matrix test builds the resources its rules call (one set under the own path),
 * declares one {@link Rule} per endpoint and calls {@link #verify}.
 */
public final class AuthorizationMatrix {

  /** Every realm role of DigiCell. */
  public static final List<String> ROLES =
      List.of(
          "member", "cell-secretary", "committee", "org-admin", "it-admin", "analyst", "auditor");

  /** Where a persona's grant of its role lies, seen from the resource under test. */
  public enum Where {
    /** the role on the resource's own path (or a path covering it, as the persona is declared) */
    OWN,
    /** the role on another cell or commune only */
    FOREIGN,
    /**
     * the role on another path, and {@code member} on the resource's path (temporary attachment)
     */
    ATTACHED,
    /** a valid token with no grant at all */
    NONE
  }

  /** One caller: a role, where it holds, and a signed token. */
  public record Persona(String role, Where where, String token) {
    @Override
    public String toString() {
      return role + "@" + where.name().toLowerCase();
    }
  }

  /** What a persona must get: anything but 401/403 when allowed, one of the denials otherwise. */
  public record Rule(
      String endpoint,
      Function<String, TestHttp.Response> call,
      Predicate<Persona> allowed,
      Set<Integer> denials) {

    /** A rule whose denial is 403 (the usual answer). */
    public static Rule of(
        String endpoint, Function<String, TestHttp.Response> call, Predicate<Persona> allowed) {
      return new Rule(endpoint, call, allowed, Set.of(403));
    }

    /** The same rule, accepting these statuses as a denial too (e.g. 404 that hides a resource). */
    public Rule deniedWith(Integer... statuses) {
      Set<Integer> all = new LinkedHashSet<>(denials);
      all.addAll(List.of(statuses));
      return new Rule(endpoint, call, allowed, Set.copyOf(all));
    }
  }

  private AuthorizationMatrix() {}

  /**
   * Personas for every role × {own, foreign, attached, none}. {@code memberIds} gives the member id
   * each where carries (e.g. the own member's id for OWN); absent means none.
   */
  public static List<Persona> personas(
      String ownPath, String foreignPath, Map<Where, String> memberIds) {
    List<Persona> personas = new ArrayList<>();
    for (String role : ROLES) {
      for (Where where : Where.values()) {
        TestTokens.Builder token = TestTokens.forUser(role + "-" + where.name().toLowerCase());
        switch (where) {
          case OWN -> token.grant(role, ownPath);
          case FOREIGN -> token.grant(role, foreignPath);
          case ATTACHED -> token.grant(role, foreignPath).grant("member", ownPath);
          case NONE -> {}
        }
        if (memberIds.containsKey(where)) {
          token.memberId(memberIds.get(where));
        }
        personas.add(new Persona(role, where, token.sign()));
      }
    }
    return List.copyOf(personas);
  }

  /** {@code METHOD /pattern} of every handler the application maps, errors and actuator aside. */
  public static Set<String> endpoints(ApplicationContext context) {
    Set<String> endpoints = new TreeSet<>();
    Map<String, RequestMappingHandlerMapping> mappings =
        context.getBeansOfType(RequestMappingHandlerMapping.class);
    for (RequestMappingHandlerMapping mapping : mappings.values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Collection<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (String pattern : info.getPatternValues()) {
          if (pattern.equals("/error")
              || pattern.startsWith("/v3/api-docs")
              || pattern.startsWith("/swagger-ui")
              || pattern.startsWith("/actuator")) {
            continue;
          }
          if (methods.isEmpty()) {
            endpoints.add("ANY " + pattern);
          }
          for (RequestMethod method : methods) {
            endpoints.add(method.name() + " " + pattern);
          }
        }
      }
    }
    return endpoints;
  }

  /**
   * Fails unless every endpoint of {@code context} has exactly one rule and every rule names an
   * endpoint; then calls every rule with every persona and fails listing each wrong answer. Returns
   * the number of calls made (the matrix's size).
   */
  public static int verify(ApplicationContext context, List<Rule> rules, List<Persona> personas) {
    Set<String> endpoints = endpoints(context);
    Set<String> declared = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Rule rule : rules) {
      if (!declared.add(rule.endpoint())) {
        problems.add("two rules for " + rule.endpoint());
      }
    }
    for (String endpoint : endpoints) {
      if (!declared.contains(endpoint)) {
        problems.add("no authorisation rule declared for " + endpoint);
      }
    }
    for (String endpoint : declared) {
      if (!endpoints.contains(endpoint)) {
        problems.add("a rule names " + endpoint + ", which the application does not map");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "The authorisation matrix does not cover the application:\n  "
              + String.join("\n  ", problems));
    }
    int calls = 0;
    for (Rule rule : rules) {
      for (Persona persona : personas) {
        TestHttp.Response response = rule.call().apply(persona.token());
        calls++;
        boolean allowed = rule.allowed().test(persona);
        int status = response.status();
        if (allowed && (status == 401 || status == 403)) {
          problems.add(
              rule.endpoint()
                  + " as "
                  + persona
                  + ": expected allowed, got "
                  + status
                  + " "
                  + brief(response));
        } else if (!allowed && !rule.denials().contains(status)) {
          problems.add(
              rule.endpoint()
                  + " as "
                  + persona
                  + ": expected "
                  + rule.denials()
                  + ", got "
                  + status
                  + " "
                  + brief(response));
        } else if (status >= 500) {
          problems.add(
              rule.endpoint()
                  + " as "
                  + persona
                  + ": server error "
                  + status
                  + " "
                  + brief(response));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          problems.size()
              + " of "
              + calls
              + " calls answered against the matrix:\n  "
              + String.join("\n  ", problems));
    }
    return calls;
  }

  private static String brief(TestHttp.Response response) {
    String body = response.body() == null ? "" : response.body();
    return body.length() > 160 ? body.substring(0, 160) + "…" : body;
  }
}

package vn.digicell.platform.web;

import java.util.function.Function;

/**
 * A person's name from their token, as Vietnamese write it: family name first ({@code family_name}
 * "Trần Thị", then {@code given_name} "Hoa" → "Trần Thị Hoa"). Keycloak's own {@code name} claim
 * puts the given name first, so it is used only when the two parts are missing.
 */
public final class PersonName {

  private PersonName() {}

  /** The name, or null when the token names nobody. */
  public static String of(Function<String, Object> claim) {
    String given = text(claim.apply("given_name"));
    String family = text(claim.apply("family_name"));
    if (given != null || family != null) {
      return ((family == null ? "" : family) + " " + (given == null ? "" : given)).strip();
    }
    return text(claim.apply("name"));
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}

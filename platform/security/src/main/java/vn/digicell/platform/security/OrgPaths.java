package vn.digicell.platform.security;

/** Materialised org paths such as {@code /AG/VB/C07}: "everything under X" is a prefix test. */
public final class OrgPaths {

  private OrgPaths() {}

  /**
   * Whether {@code path} is {@code scope} itself or lies under it, on whole segments: {@code
   * /AG/VB} covers {@code /AG/VB/C07} but not {@code /AG/VBX}; {@code /} covers everything.
   */
  public static boolean covers(String scope, String path) {
    if (scope == null || path == null || scope.isEmpty() || !scope.startsWith("/")) {
      return false;
    }
    if (scope.equals("/")) {
      return true;
    }
    String normalisedScope = scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
    return path.equals(normalisedScope) || path.startsWith(normalisedScope + "/");
  }
}

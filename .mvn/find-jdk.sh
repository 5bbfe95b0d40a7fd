# Sourced by ./mvnw, deploy/local/up.sh and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Keeps a JAVA_HOME that is already good; otherwise looks in the usual places.
# Fails with a clear message when no JDK >= 21 is installed.

digicell_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

digicell_find_jdk() {
  # callers may run with globbing off (mvnw uses set -f)
  set +f
  for candidate in "${JAVA_HOME:-}" \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(digicell_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if DIGICELL_JDK=$(digicell_find_jdk); then
  export JAVA_HOME="$DIGICELL_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  echo "DigiCell needs a JDK 21 or newer, and none was found (JAVA_HOME, /usr/lib/jvm, /opt, SDKMAN)." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25) or set JAVA_HOME to it." >&2
  exit 1
fi

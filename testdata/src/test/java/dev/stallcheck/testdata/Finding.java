package dev.stallcheck.testdata;

/**
 * One diagnostic of a check: where javac reported it and its text.
 *
 * @param path the source file, relative to the compiled module's directory, with {@code /}
 * @param message Error Prone's text: {@code [CheckName] message}, the docs link, and "Did you mean
 *     ...?" when the check suggests a fix
 */
record Finding(String path, long line, String check, String message) {
  /** The expected-findings line for this finding: {@code path:line: CheckName}. */
  String key() {
    return path + ":" + line + ": " + check;
  }

  /** Whether the check suggested a fix, which patch mode then applies. */
  boolean hasFix() {
    return message.contains("Did you mean");
  }
}

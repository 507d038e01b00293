package dev.stallcheck.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code expected-findings.txt}: one {@code path:line: CheckName} a line, the path relative
 * to the testdata module; lines starting with {@code #} and blank lines are ignored.
 */
final class ExpectedFindings {
  static final Pattern LINE = Pattern.compile("(\\S+\\.java):(\\d+): (\\w+)");

  private ExpectedFindings() {}

  /** The expected findings, in file order, as {@link Finding#key()} strings. */
  static List<String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!LINE.matcher(line).matches()) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected `path:line: CheckName`, found `" + line + "`");
      }
      keys.add(line);
    }
    return keys;
  }
}

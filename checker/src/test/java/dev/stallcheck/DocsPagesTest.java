package dev.stallcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every registered check has its docs page, {@code docs/bugpatterns/<Name>.md}, with Error Prone's
 * bugpattern front matter, and its diagnostics link to that page.
 */
class DocsPagesTest {
  private static final Path MODULE =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  private static final Path DOCS = MODULE.resolve("../docs/bugpatterns").normalize();
  private static final Path SERVICES =
      MODULE.resolve(
          "target/classes/META-INF/services/com.google.errorprone.bugpatterns.BugChecker");

  @Test
  void bothChecksAreRegistered() throws IOException {
    assertEquals(
        List.of("dev.stallcheck.BlockingPutUnderLock", "dev.stallcheck.ReleaseOrderedByTimeout"),
        registeredCheckers().stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void everyRegisteredCheckHasItsDocsPage() throws Exception {
    List<String> checkers = registeredCheckers();
    assertFalse(checkers.isEmpty(), "no check registered in " + SERVICES);
    for (String className : checkers) {
      BugPattern pattern = Class.forName(className).getAnnotation(BugPattern.class);
      assertNotNull(pattern, className + " has no @BugPattern");
      String name =
          pattern.name().isEmpty()
              ? className.substring(className.lastIndexOf('.') + 1)
              : pattern.name();
      Path page = DOCS.resolve(name + ".md");
      assertTrue(Files.isRegularFile(page), "no docs page for " + name + ": " + page);
      assertTrue(
          pattern.link().endsWith("docs/bugpatterns/" + name + ".md"),
          name + "'s @BugPattern(link) does not point at its page: " + pattern.link());
      assertEquals(BugPattern.LinkType.CUSTOM, pattern.linkType(), name + ": linkType");

      Map<String, String> frontMatter = frontMatter(page);
      assertEquals(name, frontMatter.get("title"), page + ": title");
      assertFalse(frontMatter.getOrDefault("summary", "").isEmpty(), page + ": no summary");
      assertEquals(pattern.severity().name(), frontMatter.get("severity"), page + ": severity");
      assertFalse(frontMatter.getOrDefault("tags", "").isEmpty(), page + ": no tags");
    }
  }

  /** The BugChecker classes that AutoService registered, as listed in the built services file. */
  private static List<String> registeredCheckers() throws IOException {
    assertTrue(
        Files.isRegularFile(SERVICES), "no services file (is the module compiled?): " + SERVICES);
    return Files.readAllLines(SERVICES).stream()
        .map(line -> line.replaceFirst("#.*", "").strip())
        .filter(line -> !line.isEmpty())
        .collect(Collectors.toList());
  }

  /** The {@code key: value} lines between the opening and closing {@code ---} of a page. */
  private static Map<String, String> frontMatter(Path page) throws IOException {
    List<String> lines = Files.readAllLines(page);
    assertTrue(!lines.isEmpty() && lines.get(0).strip().equals("---"), page + ": no front matter");
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.strip().equals("---")) {
        return result;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        result.put(line.substring(0, colon).strip(), unquote(line.substring(colon + 1).strip()));
      }
    }
    throw new AssertionError(page + ": front matter not closed by ---");
  }

  private static String unquote(String value) {
    boolean quoted =
        value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
    return quoted ? value.substring(1, value.length() - 1) : value;
  }
}

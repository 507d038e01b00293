package dev.stallcheck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README shows what the build really does: its Maven snippet and its two commands. */
class ReadmeTest {
  private static final Path ROOT = Sample.MODULE.getParent();

  @Test
  void mavenSnippetIsTestdataCompilerPluginBlock() throws IOException {
    String snippet = null;
    for (String block : codeBlocks(Files.readString(ROOT.resolve("README.md")))) {
      if (block.contains("<artifactId>maven-compiler-plugin</artifactId>")) {
        snippet = block;
        break;
      }
    }
    assertTrue(snippet != null, "README.md has no maven-compiler-plugin snippet");

    assertEquals(
        compilerPluginBlock(Files.readString(Sample.MODULE.resolve("pom.xml"))), dedent(snippet));
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(
        readme.contains("```\nmvn -B verify\n```"), "README.md does not show the test command");
    assertTrue(
        Files.readAllLines(ROOT.resolve(".ci/run")).contains("mvn -B verify"),
        ".ci/run does not run it");
  }

  @Test
  void readmeMainCommandIsTheDemoProfile() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(
        readme.contains("```\nmvn -q -Pdemo verify\n```"),
        "README.md does not show the main command");
    String pom = Files.readString(Sample.MODULE.resolve("pom.xml"));
    assertTrue(
        pom.contains("<id>demo</id>") && pom.contains("dev.stallcheck.testdata.Demo"),
        "no demo profile");
  }

  @Test
  void readmeShowsWhatTheMainCommandPrints() throws IOException {
    StringWriter printed = new StringWriter();
    assertTrue(Demo.run(Sample.MODULE, new PrintWriter(printed, true)), "the demo failed");
    // The demo runs from the repository root; here the sample's path is absolute.
    String expected = printed.toString().replace(ROOT + "/", "").stripTrailing();
    String readme = Files.readString(ROOT.resolve("README.md"));
    String shown = null;
    for (String block : codeBlocks(readme)) {
      if (block.startsWith("=== javac with Error Prone")) {
        shown = block.stripTrailing();
      }
    }
    assertEquals(
        expected, shown, "README.md's demo output is not what `mvn -q -Pdemo verify` prints now");
  }

  /** The {@code <plugin>} of maven-compiler-plugin under {@code <build><plugins>}, dedented. */
  private static String compilerPluginBlock(String pom) {
    String plugins = pom.substring(pom.indexOf("</pluginManagement>"));
    int artifact = plugins.indexOf("<artifactId>maven-compiler-plugin</artifactId>");
    int start = plugins.lastIndexOf("<plugin>", artifact);
    int end = plugins.indexOf("</plugin>", artifact) + "</plugin>".length();
    start = plugins.lastIndexOf('\n', start) + 1;
    return dedent(plugins.substring(start, end));
  }

  private static List<String> codeBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    String[] parts = markdown.split("\n```[a-z]*\n", -1);
    for (int i = 1; i < parts.length; i += 2) {
      blocks.add(parts[i]);
    }
    return blocks;
  }

  private static String dedent(String text) {
    List<String> lines =
        text.strip().isEmpty() ? List.of() : List.of(text.replaceAll("\\s+$", "").split("\n"));
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}

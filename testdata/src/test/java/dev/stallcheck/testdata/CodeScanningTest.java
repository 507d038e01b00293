package dev.stallcheck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.bjurr.violations.lib.ViolationsApi.violationsApi;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.bjurr.violations.lib.model.Violation;
import se.bjurr.violations.lib.model.sarif.SarifTransformer;
import se.bjurr.violations.lib.reports.Parser;
import se.bjurr.violations.violationslib.com.google.gson.GsonBuilder;
import se.bjurr.violations.violationslib.com.google.gson.JsonElement;
import se.bjurr.violations.violationslib.com.google.gson.JsonObject;
import se.bjurr.violations.violationslib.com.google.gson.JsonParser;

/**
 * The README's code-scanning path: javac's output of the sample build, read by violations-lib's
 * Error Prone parser ({@code GOOGLEERRORPRONE}) and written as SARIF the way
 * violations-command-line writes it ({@code SarifTransformer}, then Gson). Each expected finding
 * comes out as one SARIF result with the check's name as rule id, the file (violations-lib makes a
 * path under the working directory relative to it), the line, and the message with its docs link.
 */
class CodeScanningTest {
  /** javac's first line of a finding: {@code path:line: error: [Check] message}. */
  private static final Pattern FINDING_LINE =
      Pattern.compile("^(.+\\.java):(\\d+): error: \\[(\\w+)\\] (.*)$", Pattern.MULTILINE);

  @Test
  void findingsBecomeSarifResults() throws IOException {
    Path dir = Sample.TARGET.resolve("code-scanning");
    Sample.deleteRecursively(dir);
    StringWriter printed = new StringWriter();
    SampleCompiler.forModule(Sample.MODULE)
        .compileWithChecksPrinting(Sample.MODULE, dir.resolve("classes"), printed);
    Path log = Files.writeString(dir.resolve("javac.log"), printed.toString());

    Set<Violation> violations =
        violationsApi()
            .withPattern(".*/javac\\.log$")
            .inFolder(dir.toString())
            .findAll(Parser.GOOGLEERRORPRONE)
            .violations();
    String sarif =
        new GsonBuilder()
            .setPrettyPrinting()
            .create()
            .toJson(SarifTransformer.fromViolations(violations));
    Files.writeString(dir.resolve("findings.sarif"), sarif, StandardCharsets.UTF_8);

    List<JsonObject> results = new ArrayList<>();
    for (JsonElement result :
        JsonParser.parseString(sarif)
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("results")) {
      results.add(result.getAsJsonObject());
    }
    List<String> expected = ExpectedFindings.read(Sample.expectedFindingsFile());
    assertEquals(expected.size(), results.size(), sarif);
    for (String key : expected) {
      Matcher want = ExpectedFindings.LINE.matcher(key);
      assertTrue(want.matches());
      Path file = Sample.MODULE.resolve(want.group(1));
      String check = want.group(3);
      String message = javacMessage(Files.readString(log), file, want.group(2), check);
      JsonObject result =
          results.stream()
              .filter(r -> r.get("ruleId").getAsString().equals(check))
              .filter(r -> Path.of(uri(r)).toAbsolutePath().normalize().equals(file))
              .filter(r -> startLine(r) == Integer.parseInt(want.group(2)))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no SARIF result for " + key + " in\n" + sarif));
      String text = result.getAsJsonObject("message").get("text").getAsString();
      assertTrue(text.startsWith(message), () -> key + ": " + text);
      assertTrue(
          text.contains(
              "(see https://github.com/stallcheck/stallcheck/blob/main/docs/bugpatterns/"
                  + check
                  + ".md)"),
          () -> key + ": " + text);
      assertEquals("error", result.get("level").getAsString());
    }
  }

  /** The message javac printed for the finding of {@code check} at {@code file:line}. */
  private static String javacMessage(String log, Path file, String line, String check) {
    Matcher m = FINDING_LINE.matcher(log);
    while (m.find()) {
      if (Path.of(m.group(1)).equals(file) && m.group(2).equals(line) && m.group(3).equals(check)) {
        assertFalse(m.group(4).isBlank());
        return m.group(4);
      }
    }
    throw new AssertionError("javac printed no " + check + " at " + file + ":" + line + "\n" + log);
  }

  private static JsonObject location(JsonObject result) {
    return result
        .getAsJsonArray("locations")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("physicalLocation");
  }

  private static String uri(JsonObject result) {
    return location(result).getAsJsonObject("artifactLocation").get("uri").getAsString();
  }

  private static int startLine(JsonObject result) {
    return location(result).getAsJsonObject("region").get("startLine").getAsInt();
  }
}

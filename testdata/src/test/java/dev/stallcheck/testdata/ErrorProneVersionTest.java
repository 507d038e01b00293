package dev.stallcheck.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The Error Prone that compiles the sample in these tests is the version the build asked for
 * (system property {@code stallcheck.errorprone.version}): the newest here, older ones in compat/.
 * Without it, a version matrix that silently ran one version three times would still pass.
 */
class ErrorProneVersionTest {
  private static final String CORE_POM =
      "META-INF/maven/com.google.errorprone/error_prone_core/pom.properties";

  @Test
  void errorProneOnTheProcessorPathIsTheRequestedVersion() throws IOException {
    String requested = System.getProperty("stallcheck.errorprone.version");
    assertNotNull(requested, "the build sets stallcheck.errorprone.version");
    Properties pom = new Properties();
    try (InputStream in = ClassLoader.getSystemClassLoader().getResourceAsStream(CORE_POM)) {
      assertNotNull(in, "no error_prone_core on the class path");
      pom.load(in);
    }

    assertEquals(requested, pom.getProperty("version"));
  }
}

package dev.stallcheck.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where the sample is, for the tests. Surefire runs them in the testdata module's directory, or, in
 * compat/, in another module that names the sample with the system property {@code
 * stallcheck.sample}.
 */
final class Sample {
  private static final Path BASEDIR =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

  /**
   * The testdata module: the sample's sources, its pom (users' configuration), expected findings.
   */
  static final Path MODULE =
      Path.of(System.getProperty("stallcheck.sample", BASEDIR.toString()))
          .toAbsolutePath()
          .normalize();

  /** Where the tests write: the target folder of the module running them. */
  static final Path TARGET = BASEDIR.resolve("target");

  static final List<String> CHECKS = List.of("BlockingPutUnderLock", "ReleaseOrderedByTimeout");

  /** Patch mode for both checks; {@code -XepPatchLocation} says where the changes go. */
  static final String PATCH_CHECKS = "-XepPatchChecks:" + String.join(",", CHECKS);

  /**
   * The expected-findings file: {@code expected-findings.txt}, or the file named by the system
   * property {@code stallcheck.expectedFindings} (to try the harness against other checks).
   */
  static Path expectedFindingsFile() {
    String override = System.getProperty("stallcheck.expectedFindings", "");
    return override.isEmpty()
        ? MODULE.resolve("expected-findings.txt")
        : Path.of(override).toAbsolutePath();
  }

  private Sample() {}

  /**
   * Copies the sample's {@code src/main/java} into {@code dir/src/main/java}, emptying {@code dir}
   * first.
   */
  static Path copySources(Path dir) {
    return copySources(MODULE, dir);
  }

  /**
   * Copies {@code module/src/main/java} into {@code dir/src/main/java}, emptying {@code dir} first.
   */
  static Path copySources(Path module, Path dir) {
    try {
      deleteRecursively(dir);
      Path from = module.resolve("src/main/java");
      Path to = dir.resolve("src/main/java");
      for (Path source : SampleCompiler.sources(from)) {
        Path target = to.resolve(from.relativize(source).toString());
        Files.createDirectories(target.getParent());
        Files.copy(source, target);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}

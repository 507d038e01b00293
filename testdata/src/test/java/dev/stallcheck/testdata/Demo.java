package dev.stallcheck.testdata;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's first command ({@code mvn -q -Pdemo verify}) runs this from the repository root: it
 * compiles {@code testdata/} with the checks, letting javac print each finding as it would on the
 * command line, then prints the patch that Error Prone's patch mode would apply. It exits 0 unless
 * javac failed for a reason other than the findings.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws IOException {
    PrintWriter out = new PrintWriter(System.out, true);
    if (!run(Path.of(args.length > 0 ? args[0] : "testdata"), out)) {
      System.exit(1);
    }
  }

  /**
   * Prints the findings and the patch for {@code module}; false if javac failed for a reason other
   * than the findings. ReadmeTest runs this too, to keep the README's copy of the output current.
   */
  static boolean run(Path module, PrintWriter out) throws IOException {
    Path work = module.resolve("target/demo");
    Sample.deleteRecursively(work);
    SampleCompiler compiler = SampleCompiler.forModule(module);

    out.println("=== javac with Error Prone and stallcheck, on " + module + "/src/main/java ===");
    out.flush();
    boolean clean = compiler.compileWithChecksPrinting(module, work.resolve("classes"), out);
    out.flush();
    if (clean) {
      out.println("(no findings)");
    }

    // Patch mode writes paths relative to -XepPatchLocation: patching a copy at
    // work/<module name> with the location at work gives paths that apply from the repository root.
    Path copy = work.resolve("copy");
    Sample.copySources(module, copy.resolve(module.getFileName().toString()));
    out.println();
    out.println("=== what patch mode would change (" + Sample.PATCH_CHECKS + ") ===");
    CompileResult patching =
        compiler.compileWithChecks(
            copy.resolve(module.getFileName().toString()),
            work.resolve("patch-classes"),
            Sample.PATCH_CHECKS,
            "-XepPatchLocation:" + copy.toAbsolutePath());
    if (!patching.otherErrors().isEmpty()) {
      patching.otherErrors().forEach(out::println);
      out.flush();
      return false;
    }
    Path patch = copy.resolve("error-prone.patch");
    if (Files.exists(patch)) {
      out.print(Files.readString(patch));
      out.println();
      out.println("To apply it here: patch -p0 -u -i " + patch);
    } else {
      out.println("(no fixes suggested)");
    }
    out.flush();
    return true;
  }
}

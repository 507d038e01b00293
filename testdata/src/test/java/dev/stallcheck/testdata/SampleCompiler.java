package dev.stallcheck.testdata;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Compiles a module's {@code src/main/java} in-process, the way the maven-compiler-plugin block of
 * {@code testdata/pom.xml} does: its {@code release} and {@code compilerArgs} are read from that
 * pom, so the tests and the demo always use the configuration users copy. The processor path is
 * this JVM's class path (Error Prone, the checker and what they depend on; JUnit, also there,
 * carries no processor or plugin). The {@code -J} arguments are for a forked javac; in-process, the
 * same exports come from surefire's argLine or the demo's java command line.
 */
final class SampleCompiler {
  private static final Pattern CHECK_PREFIX = Pattern.compile("^\\[(\\w+)\\] ");
  private static final String ERROR_PRONE_PLUGIN = "-Xplugin:ErrorProne";

  private final String release;
  private final List<String> compilerArgs;
  private final String processorPath;

  private SampleCompiler(String release, List<String> compilerArgs, String processorPath) {
    this.release = release;
    this.compilerArgs = compilerArgs;
    this.processorPath = processorPath;
  }

  /**
   * The configuration of {@code moduleDir/pom.xml}, with this JVM's class path as processor path.
   */
  static SampleCompiler forModule(Path moduleDir) {
    Element compiler = compilerPluginConfiguration(moduleDir.resolve("pom.xml"));
    String release = childText(compiler, "release");
    List<String> args = new ArrayList<>();
    for (Element arg : children(child(compiler, "compilerArgs"), "arg")) {
      String text = arg.getTextContent().trim();
      if (!text.startsWith("-J")) {
        args.add(text);
      }
    }
    if (args.stream().noneMatch(a -> a.startsWith(ERROR_PRONE_PLUGIN))) {
      throw new IllegalStateException(
          "no " + ERROR_PRONE_PLUGIN + " argument in " + moduleDir.resolve("pom.xml"));
    }
    Path ownClasses = moduleDir.resolve("target").toAbsolutePath().normalize();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String processorPath =
        Stream.of(classPath.split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().startsWith(ownClasses))
            .collect(Collectors.joining(File.pathSeparator));
    return new SampleCompiler(release, List.copyOf(args), processorPath);
  }

  /**
   * Compiles {@code moduleDir/src/main/java} with the checks; {@code extraErrorProneFlags} (such as
   * patch mode's) are appended to the {@code -Xplugin:ErrorProne} argument, after {@code
   * FailOnAnalysisError} for every check: an analysis error on the sample is a bug for the tests to
   * see, not a missing finding or fix.
   */
  CompileResult compileWithChecks(Path moduleDir, Path classesDir, String... extraErrorProneFlags) {
    List<String> flags = new ArrayList<>();
    for (String check : Sample.CHECKS) {
      flags.add("-XepOpt:" + check + ":FailOnAnalysisError=true");
    }
    flags.addAll(List.of(extraErrorProneFlags));
    Collector collector = new Collector(moduleDir);
    run(moduleDir, checkOptions(classesDir, flags.toArray(String[]::new)), collector, null);
    return collector.result();
  }

  /**
   * Same, but javac prints its diagnostics itself, as on the command line; returns javac's success.
   */
  boolean compileWithChecksPrinting(
      Path moduleDir, Path classesDir, Writer out, String... extraErrorProneFlags) {
    return run(moduleDir, checkOptions(classesDir, extraErrorProneFlags), null, out);
  }

  /** Compiles {@code moduleDir/src/main/java} with plain javac: no plugin, same release. */
  CompileResult compilePlain(Path moduleDir, Path classesDir) {
    Collector collector = new Collector(moduleDir);
    run(
        moduleDir,
        List.of("--release", release, "-proc:none", "-d", classesDir.toString()),
        collector,
        null);
    return collector.result();
  }

  private List<String> checkOptions(Path classesDir, String... extraErrorProneFlags) {
    List<String> options =
        new ArrayList<>(List.of("--release", release, "-d", classesDir.toString()));
    options.addAll(List.of("-processorpath", processorPath));
    for (String arg : compilerArgs) {
      if (arg.startsWith(ERROR_PRONE_PLUGIN) && extraErrorProneFlags.length > 0) {
        options.add(arg + " " + String.join(" ", extraErrorProneFlags));
      } else {
        options.add(arg);
      }
    }
    return options;
  }

  private static boolean run(
      Path moduleDir,
      List<String> options,
      DiagnosticListener<JavaFileObject> listener,
      Writer out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(Path.of(options.get(options.indexOf("-d") + 1)));
      List<Path> sources = sources(moduleDir.resolve("src/main/java"));
      List<String> withEncoding = new ArrayList<>(options);
      withEncoding.addAll(List.of("-encoding", "UTF-8"));
      // With a listener, javac's other output (such as patch mode's "Changes were written to")
      // is not wanted: the caller reports what matters.
      Writer output = out != null || listener == null ? out : Writer.nullWriter();
      return javac
          .getTask(
              output,
              files,
              listener,
              withEncoding,
              null,
              files.getJavaFileObjectsFromPaths(sources))
          .call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code .java} files under {@code root}, sorted, as given (relative stays relative). */
  static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
  }

  /** Sorts javac's diagnostics into findings of checks and other errors. */
  private static final class Collector implements DiagnosticListener<JavaFileObject> {
    private final Path moduleDir;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> otherErrors = new ArrayList<>();

    Collector(Path moduleDir) {
      this.moduleDir = moduleDir.toAbsolutePath().normalize();
    }

    @Override
    public void report(Diagnostic<? extends JavaFileObject> diagnostic) {
      String message = diagnostic.getMessage(Locale.ROOT);
      Matcher check = CHECK_PREFIX.matcher(message);
      if (check.find() && diagnostic.getSource() != null) {
        findings.add(
            new Finding(
                relativePath(diagnostic), diagnostic.getLineNumber(), check.group(1), message));
      } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        String where =
            diagnostic.getSource() == null
                ? ""
                : relativePath(diagnostic) + ":" + diagnostic.getLineNumber() + ": ";
        otherErrors.add(where + message);
      }
    }

    private String relativePath(Diagnostic<? extends JavaFileObject> diagnostic) {
      Path file = Path.of(diagnostic.getSource().toUri()).toAbsolutePath().normalize();
      return moduleDir.relativize(file).toString().replace(File.separatorChar, '/');
    }

    CompileResult result() {
      return new CompileResult(List.copyOf(findings), List.copyOf(otherErrors));
    }
  }

  private static Element compilerPluginConfiguration(Path pom) {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      document = factory.newDocumentBuilder().parse(pom.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + pom, e);
    }
    Element build = child(document.getDocumentElement(), "build");
    for (Element plugin : children(child(build, "plugins"), "plugin")) {
      if ("maven-compiler-plugin".equals(childText(plugin, "artifactId"))) {
        return child(plugin, "configuration");
      }
    }
    throw new IllegalStateException("no maven-compiler-plugin in build/plugins of " + pom);
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected one <" + name + "> in <" + parent.getTagName() + ">, found " + found.size());
    }
    return found.get(0);
  }

  private static String childText(Element parent, String name) {
    return child(parent, name).getTextContent().trim();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> result = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(name)) {
        result.add(element);
      }
    }
    return result;
  }
}

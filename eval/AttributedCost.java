import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU time one cold javac run with the checks (B) spends on them, attributed from a Java Flight
 * Recorder recording of that run, for eval/benchmark.sh --attribute. The difference of two cold
 * runs (with and without the checks) varies by more than the checks cost, because the JIT compilers
 * and the collector take a different share of each run; attributing a run's own CPU time to the
 * checks does not depend on that difference.
 *
 * <p>Five parts: the compiling thread's time, split by the share of its execution samples whose
 * stack has a frame of the checks; the loading of the checks' classes, whose native part no sample
 * sees (counted whole, so a sampled part counts twice: an upper bound); the JIT compilers' time
 * spent compiling the checks' own methods; the collector's time, split by the share of sampled
 * allocation (in bytes) made in the checks; and the time Error Prone's scanner spends outside the
 * checks' frames beyond what it spends in a run without them (A): it walks every tree in both, and
 * dispatches to the checks' matchers in B only. Not counted: the JIT work on javac's own methods
 * that the checks change (their profiles and recompilations), which is also why this is an estimate
 * beside the paired ratio, not instead of it.
 *
 * <p>That JIT work is printed beside it, as an estimate of its own: the compilations of methods
 * other than the checks' that one run made more often than the other (per method and compiler),
 * each at that run's mean time for the method, with B's extra ones counted for the checks and A's
 * against them, and the ratio the run would have with that difference counted too. The JIT
 * compilers' choices move from run to run by far more than the checks cost, so one run's difference
 * says little; its median over runs says whether the attribution leaves out much.
 *
 * <p>usage: java AttributedCost.java B.jfr B_CPU_SECONDS B_GC_LOG A.jfr A_CPU_SECONDS A_GC_LOG
 */
public final class AttributedCost {
  private static final String CHECKS = "dev.stallcheck.";

  private static final String SCANNER = "com.google.errorprone.scanner.";

  private static final Pattern GC_CPU = Pattern.compile("User=([\\d.]+)s Sys=([\\d.]+)s");

  /** What one recorded run spent, in seconds, and where. */
  private record Run(
      double process,
      double gc,
      double jit,
      double jitOfChecks,
      double loadingOfChecks,
      long samples,
      long inChecks,
      long inScannerOnly,
      double allocated,
      double allocatedInChecks,
      Map<String, Compiled> compiledOthers) {

    /**
     * What neither the JIT compilers nor the collector take is, nearly all, the compiling thread.
     */
    double compiling() {
      return Math.max(0, process - jit - gc);
    }

    double thread(long part) {
      return samples == 0 ? 0 : compiling() * part / samples;
    }

    double gcOfChecks() {
      return allocated == 0 ? 0 : gc * allocatedInChecks / allocated;
    }
  }

  /** How often the JIT compilers compiled one method with one of them, and how long it took. */
  private record Compiled(int times, double seconds) {
    Compiled plus(Compiled other) {
      return new Compiled(times + other.times, seconds + other.seconds);
    }

    /** The time of {@code count} of these compilations, at their mean. */
    double timeOf(int count) {
      return times == 0 ? 0 : seconds * count / times;
    }
  }

  /**
   * The time of the compilations of methods other than the checks' that {@code b} made more often
   * than {@code a}, less that of those {@code a} made more often than {@code b}.
   */
  private static double compiledMoreOften(Run b, Run a) {
    Set<String> methods = new HashSet<>(b.compiledOthers().keySet());
    methods.addAll(a.compiledOthers().keySet());
    Compiled none = new Compiled(0, 0);
    double difference = 0;
    for (String method : methods) {
      Compiled inB = b.compiledOthers().getOrDefault(method, none);
      Compiled inA = a.compiledOthers().getOrDefault(method, none);
      difference +=
          inB.times() >= inA.times()
              ? inB.timeOf(inB.times() - inA.times())
              : -inA.timeOf(inA.times() - inB.times());
    }
    return difference;
  }

  public static void main(String[] args) throws IOException {
    Run b = read(Path.of(args[0]), Double.parseDouble(args[1]), Path.of(args[2]));
    Run a = read(Path.of(args[3]), Double.parseDouble(args[4]), Path.of(args[5]));
    // The scanner's time as a share of the compiling thread, so that a slower run is no bigger.
    double scannerExtra =
        Math.max(
            0,
            b.thread(b.inScannerOnly())
                - b.compiling()
                    * (a.samples() == 0 ? 0 : (double) a.inScannerOnly() / a.samples()));
    double checks =
        b.thread(b.inChecks())
            + b.loadingOfChecks()
            + b.jitOfChecks()
            + b.gcOfChecks()
            + scannerExtra;
    double jitDifference = compiledMoreOften(b, a);
    System.out.printf(
        Locale.ROOT,
        "process %.2f s (compiling thread %.2f, JIT %.2f, GC %.2f; run A %.2f s); the checks"
            + " %.2f s"
            + " (thread %.2f: %d of %d samples; class loading %.2f; JIT %.2f; GC %.2f: %.1f%% of"
            + " allocation;"
            + " scanner %.2f: %d samples, %d in A's %d); ratio with/without %.3f;"
            + " the compiler's own methods compiled more often with the checks than without: net"
            + " %.2f s, ratio counting it %.3f%n",
        b.process(),
        b.compiling(),
        b.jit(),
        b.gc(),
        a.process(),
        checks,
        b.thread(b.inChecks()),
        b.inChecks(),
        b.samples(),
        b.loadingOfChecks(),
        b.jitOfChecks(),
        b.gcOfChecks(),
        b.allocated() == 0 ? 0 : 100 * b.allocatedInChecks() / b.allocated(),
        scannerExtra,
        b.inScannerOnly(),
        a.inScannerOnly(),
        a.samples(),
        b.process() / (b.process() - checks),
        jitDifference,
        b.process() / (b.process() - checks - jitDifference));
  }

  private static Run read(Path recording, double process, Path gcLog) throws IOException {
    long samples = 0;
    long inChecks = 0;
    long inScannerOnly = 0;
    double jit = 0;
    double jitOfChecks = 0;
    double loadingOfChecks = 0;
    double allocated = 0;
    double allocatedInChecks = 0;
    Map<String, Compiled> compiledOthers = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      switch (event.getEventType().getName()) {
        case "jdk.ExecutionSample" -> {
          RecordedThread thread = event.getThread("sampledThread");
          if (thread != null && "main".equals(thread.getJavaName())) {
            samples++;
            if (has(event.getStackTrace(), CHECKS)) {
              inChecks++;
            } else if (has(event.getStackTrace(), SCANNER)) {
              inScannerOnly++;
            }
          }
        }
        case "jdk.Compilation" -> {
          double seconds = event.getDuration().toNanos() / 1e9;
          jit += seconds;
          if (event.getValue("method") instanceof RecordedMethod method) {
            if (method.getType().getName().startsWith(CHECKS)) {
              jitOfChecks += seconds;
            } else {
              // C1 (tiers 1 to 3) and C2 (tier 4) compile a method separately.
              String compiler = event.getInt("compileLevel") == 4 ? "c2 " : "c1 ";
              compiledOthers.merge(
                  compiler
                      + method.getType().getName()
                      + "."
                      + method.getName()
                      + method.getDescriptor(),
                  new Compiled(1, seconds),
                  Compiled::plus);
            }
          }
        }
        case "jdk.ClassLoad" -> {
          if (event.getValue("loadedClass") instanceof RecordedClass loaded
              && loaded.getName().startsWith(CHECKS)) {
            loadingOfChecks += event.getDuration().toNanos() / 1e9;
          }
        }
        case "jdk.ObjectAllocationSample" -> {
          double weight = event.getLong("weight");
          allocated += weight;
          if (has(event.getStackTrace(), CHECKS)) {
            allocatedInChecks += weight;
          }
        }
        default -> {}
      }
    }
    return new Run(
        process,
        gcSeconds(gcLog),
        jit,
        jitOfChecks,
        loadingOfChecks,
        samples,
        inChecks,
        inScannerOnly,
        allocated,
        allocatedInChecks,
        compiledOthers);
  }

  /**
   * Whether a frame of {@code stack} is a method of a class whose name starts with {@code prefix}.
   */
  private static boolean has(RecordedStackTrace stack, String prefix) {
    if (stack == null) {
      return false;
    }
    for (RecordedFrame frame : stack.getFrames()) {
      if (frame.getMethod().getType().getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The collector's CPU time (user + sys) over the run, from {@code -Xlog:gc+cpu}. */
  private static double gcSeconds(Path log) throws IOException {
    double seconds = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = GC_CPU.matcher(line);
      if (m.find()) {
        seconds += Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
      }
    }
    return seconds;
  }
}

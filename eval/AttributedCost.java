import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
      double allocatedInChecks) {

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
    System.out.printf(
        Locale.ROOT,
        "process %.2f s (compiling thread %.2f, JIT %.2f, GC %.2f; run A %.2f s); the checks"
            + " %.2f s"
            + " (thread %.2f: %d of %d samples; class loading %.2f; JIT %.2f; GC %.2f: %.1f%% of"
            + " allocation;"
            + " scanner %.2f: %d samples, %d in A's %d); ratio with/without %.3f%n",
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
        b.process() / (b.process() - checks));
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
          if (event.getValue("method") instanceof RecordedMethod method
              && method.getType().getName().startsWith(CHECKS)) {
            jitOfChecks += seconds;
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
        allocatedInChecks);
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

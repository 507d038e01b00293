import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warm half of eval/benchmark.sh (--warm): compiles the benchmark sets again and again in one
 * JVM, with javac's own entry point, so that javac, Error Prone and the checks run compiled by the
 * JIT, as in a build daemon or a long build. A fresh javac per run (the cold half) also counts
 * class loading and JIT compilation, whose CPU time varies from run to run by more than the checks
 * cost; here the runs after the warm-up vary by far less, and what remains is the work of the
 * checks themselves.
 *
 * <p>Each round compiles every set in configuration A (Error Prone alone) and B (with both checks),
 * in the order A,B on odd rounds and B,A on even ones, and prints the CPU seconds of each: first
 * those of the thread that runs javac, then those of the whole process (GC and JIT threads too,
 * which vary more). The argument files are those benchmark.sh writes, with absolute source paths;
 * Error Prone and the plugin are on this JVM's class path, so that every compilation uses the same
 * loaded classes.
 *
 * <p>usage: java WarmBenchmark.java WARMUP ROUNDS ARGS_DIR SET...; prints one line per round:
 * {@code round A_whole B_whole A_half B_half} (thread), then the same four for the process.
 */
public final class WarmBenchmark {
  private WarmBenchmark() {}

  public static void main(String[] args) {
    int warmup = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    String dir = args[2];
    List<String> sets = List.of(args).subList(3, args.length);
    for (int round = 1 - warmup; round <= rounds; round++) {
      List<String> order = round % 2 == 0 ? List.of("B", "A") : List.of("A", "B");
      double[] seconds = new double[8];
      for (String size : List.of("whole", "half")) {
        for (String config : order) {
          int column = (size.equals("whole") ? 0 : 2) + (config.equals("A") ? 0 : 1);
          for (String set : sets) {
            double[] cpu = cpuSeconds(dir + "/" + set + "." + size + "." + config + ".abs.args");
            seconds[column] += cpu[0];
            seconds[column + 4] += cpu[1];
          }
        }
      }
      List<String> fields = new ArrayList<>();
      fields.add(round <= 0 ? "warmup" : Integer.toString(round));
      for (double s : seconds) {
        fields.add(String.format(Locale.ROOT, "%.2f", s));
      }
      System.out.println(String.join("\t", fields));
    }
  }

  /**
   * The CPU seconds of one compilation, of this thread and of the process; javac's own messages are
   * dropped.
   */
  private static double[] cpuSeconds(String argumentFile) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // The previous compilation's garbage is collected outside the measured interval, so that no
    // run pays for another's.
    System.gc();
    long threadBefore = threads.getCurrentThreadCpuTime();
    long processBefore = os.getProcessCpuTime();
    int status =
        com.sun.tools.javac.Main.compile(
            new String[] {"@" + argumentFile}, new PrintWriter(Writer.nullWriter()));
    long threadAfter = threads.getCurrentThreadCpuTime();
    long processAfter = os.getProcessCpuTime();
    if (status != 0) {
      throw new IllegalStateException("javac failed (" + status + ") on @" + argumentFile);
    }
    return new double[] {(threadAfter - threadBefore) / 1e9, (processAfter - processBefore) / 1e9};
  }
}

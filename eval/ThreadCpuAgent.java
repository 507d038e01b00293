import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Java agent for eval/benchmark.sh --threads: as the JVM exits, appends to the file named by its
 * argument one line with the CPU seconds (user + system) of the process's threads by kind: the
 * thread that runs javac, the C1 and C2 JIT compilers, the garbage collector, and the rest. Read
 * from Linux's /proc/self/task, because the JIT and GC threads are not Java threads that
 * ThreadMXBean can see. A thread that ended before the exit is missing from every kind; the last
 * field, the process's own total, still counts it.
 *
 * <p>Not part of the plugin: the benchmark compiles it into a jar of its own at run time.
 */
public final class ThreadCpuAgent {
  private ThreadCpuAgent() {}

  public static void premain(String file) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(file))));
  }

  private static void write(Path file) {
    Map<String, Long> ticksByKind = new LinkedHashMap<>();
    for (String kind : new String[] {"javac", "c1", "c2", "gc", "other"}) {
      ticksByKind.put(kind, 0L);
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
          continue;
        }
        ticksByKind.merge(kindOf(name(stat)), ticks(stat), Long::sum);
      }
      StringBuilder line = new StringBuilder();
      for (long ticks : ticksByKind.values()) {
        line.append(seconds(ticks)).append('\t');
      }
      line.append(seconds(ticks(Files.readString(Path.of("/proc/self/stat"))))).append('\n');
      Files.writeString(
          file, line.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException e) {
      // A diagnostic must not fail the compile it watches; the benchmark notices the missing line.
      System.err.println("ThreadCpuAgent: " + e);
    }
  }

  /** The thread's name: the second field of its stat line, in parentheses that it may contain. */
  private static String name(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** utime + stime, the 14th and 15th fields, counted after the name. */
  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The kind of a thread by HotSpot's names (Linux keeps their first 15 characters). */
  private static String kindOf(String name) {
    if (name.equals("javac") || name.equals("main") || name.equals("java")) {
      return "javac";
    }
    if (name.startsWith("C1 CompilerThre")) {
      return "c1";
    }
    if (name.startsWith("C2 CompilerThre")) {
      return "c2";
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
      return "gc";
    }
    return "other";
  }

  /** Clock ticks to seconds: Linux's USER_HZ is 100 on every platform this benchmark runs on. */
  private static String seconds(long ticks) {
    return String.format(Locale.ROOT, "%.2f", ticks / 100.0);
  }
}

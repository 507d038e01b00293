package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A lambda or method reference kept in a field or a collection and run later through its
 * interface's method, under a lock: the call runs the lambda's code. Known for a field whose every
 * value is one, and for an interface of the compilation (every lambda the compilation writes for
 * it, up to a plugin point's count), and for an element of a collection field (the lambdas added to
 * it); a library's interface of unknown origin reaches nothing.
 */
final class BlockingPutUnderLockStoredCallbacksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  @Test
  void identification() {
    helper
        .addSourceLines(
            "Gateway.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "interface Listener { void onMessage(String m); }",
            "class Gateway {",
            "  private final List<Listener> listeners = new ArrayList<>();",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);",
            "  private final Consumer<String> sink = m -> {",
            "    try {",
            "      // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "      out.put(m);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  };",
            "  private final Consumer<String> forward = this::enqueue;",
            "  synchronized void register(Listener l) { listeners.add(l); }",
            "  void start() {",
            "    register(m -> out.offer(m));",
            "    register(m -> {",
            "      try {",
            "        // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "        out.put(m);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "  }",
            "  synchronized void broadcast(String m) {",
            "    for (Listener l : listeners) {",
            "      // BUG: Diagnostic contains: `l.onMessage(m)` can block while `this`"
                + " (synchronized method, line 29) is held: lambda (Gateway.java:20)",
            "      l.onMessage(m);",
            "    }",
            "  }",
            "  synchronized void toSink(String m) {",
            "    // BUG: Diagnostic contains: `sink.accept(m)` can block while `this`",
            "    sink.accept(m);",
            "  }",
            "  synchronized void toForward(String m) {",
            "    // BUG: Diagnostic contains: method reference (Gateway.java:16) → Gateway.enqueue",
            "    forward.accept(m);",
            "  }",
            "  private void enqueue(String m) {",
            "    try {",
            "      // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "      out.put(m);",
            "    } catch (InterruptedException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Silent: a field whose lambda does not block; a library interface's value of unknown origin (a
   * parameter); a callback parameter run while the call runs (reported where its caller writes the
   * lambda, if at all); an interface of the compilation with more lambdas than a plugin point's
   * count.
   */
  @Test
  void identificationSilentTwins() {
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs(
            "-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true",
            "-XepOpt:BlockingPutUnderLock:PluginPointBodies=2")
        .addSourceLines(
            "Hub.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "interface Handler { void handle(String m); }",
            "class Hub {",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);",
            "  private final Consumer<String> quiet = m -> out.offer(m);",
            "  private final List<Handler> handlers = new ArrayList<>();",
            "  void start() {",
            "    handlers.add(m -> { try { out.put(m); } catch (InterruptedException e) { } });",
            "    handlers.add(m -> out.offer(m));",
            "    handlers.add(m -> {});",
            "  }",
            "  synchronized void toQuiet(String m) { quiet.accept(m); }",
            "  synchronized void toAny(Consumer<String> c, String m) { c.accept(m); }",
            "  synchronized void toHandlers(String m) {",
            "    for (Handler h : handlers) h.handle(m);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A library interface's lambdas kept in a collection field: the lambdas added to it anywhere in
   * the compilation (directly, or through a registering method's parameter) run where its elements
   * are called (a for-each loop, {@code forEach}, {@code get(i)}); a collection given only lambdas
   * that do not block, or only objects of unknown origin, runs nothing that blocks.
   */
  @Test
  void identificationCollectionElements() {
    helper
        .addSourceLines(
            "Bus.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "class Bus {",
            "  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();",
            "  private final List<Consumer<String>> quiet = new ArrayList<>();",
            "  private final List<Consumer<String>> foreign = new ArrayList<>();",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);",
            "  void subscribe(Consumer<String> l) { listeners.add(l); }",
            "  void start(Consumer<String> external) {",
            "    subscribe(m -> {",
            "      try {",
            "        // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "        out.put(m);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "    quiet.add(m -> out.offer(m));",
            "    foreign.add(external);",
            "  }",
            "  synchronized void publish(String m) {",
            "    // BUG: Diagnostic contains: `l.accept(m)` can block while `this`",
            "    for (Consumer<String> l : listeners) l.accept(m);",
            "    // BUG: Diagnostic contains: `l.accept(m)` can block while `this`",
            "    listeners.forEach(l -> l.accept(m));",
            "    // BUG: Diagnostic contains: `listeners.get(0).accept(m)` can block while `this`",
            "    listeners.get(0).accept(m);",
            "    for (Consumer<String> l : quiet) l.accept(m);",
            "    for (Consumer<String> l : foreign) l.accept(m);",
            "  }",
            "}")
        .doTest();
  }

  /** A public class {@code name} whose {@code publish} calls its subscribers under its monitor. */
  private static String[] bus(String name, boolean reported) {
    return new String[] {
      "import java.util.*;",
      "import java.util.concurrent.*;",
      "import java.util.function.Consumer;",
      "public class " + name + " {",
      "  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();",
      "  public void subscribe(Consumer<String> listener) { listeners.add(listener); }",
      "  public synchronized void publish(String event) {",
      reported ? "    // BUG: Diagnostic contains: `l.accept(event)` can block while `this`" : "",
      "    for (Consumer<String> l : listeners) l.accept(event);",
      "  }",
      "}"
    };
  }

  /**
   * A public {@code subscribe} may also be called from outside the compilation, but the lambdas and
   * method references the compilation passes it are still added to the collection: those that block
   * are found where the elements are called under a lock. Silent: a bus whose subscribers do not
   * block, and one whose subscribers come only from outside.
   */
  @Test
  void identificationCollectionElementsThroughPublicMethod() {
    helper
        .addSourceLines("Bus.java", bus("Bus", true))
        .addSourceLines("QuietBus.java", bus("QuietBus", false))
        .addSourceLines("OpenBus.java", bus("OpenBus", false))
        .addSourceLines(
            "Mirror.java",
            "import java.util.concurrent.*;",
            "class Mirror {",
            "  private final BlockingQueue<String> copies = new ArrayBlockingQueue<>(16);",
            "  Mirror(Bus bus, QuietBus quiet) {",
            "    bus.subscribe(this::copy);",
            "    quiet.subscribe(copies::offer);",
            "  }",
            "  void copy(String event) {",
            "    try {",
            "      // BUG: Diagnostic contains: `copies.put(event)` can block while a caller holds",
            "      copies.put(event);",
            "    } catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A library interface's lambda kept in a plain field that a public setter assigns: the lambdas
   * and method references the compilation passes the setter run where the field is called. Silent:
   * a field whose setter is given only a lambda that does not block, and one set only from outside.
   */
  @Test
  void identificationFieldThroughPublicSetter() {
    helper
        .addSourceLines(
            "Feed.java",
            "import java.util.function.Consumer;",
            "public class Feed {",
            "  private Consumer<String> sink = m -> {};",
            "  private Consumer<String> quiet = m -> {};",
            "  private Consumer<String> open = m -> {};",
            "  public void setSink(Consumer<String> sink) { this.sink = sink; }",
            "  public void setQuiet(Consumer<String> quiet) { this.quiet = quiet; }",
            "  public void setOpen(Consumer<String> open) { this.open = open; }",
            "  public synchronized void push(String m) {",
            "    // BUG: Diagnostic contains: `sink.accept(m)` can block while `this`",
            "    sink.accept(m);",
            "    quiet.accept(m);",
            "    open.accept(m);",
            "  }",
            "}")
        .addSourceLines(
            "Tap.java",
            "import java.util.concurrent.*;",
            "class Tap {",
            "  private final BlockingQueue<String> copies = new ArrayBlockingQueue<>(16);",
            "  Tap(Feed feed) {",
            "    feed.setSink(this::copy);",
            "    feed.setQuiet(copies::offer);",
            "  }",
            "  void copy(String m) {",
            "    try {",
            "      // BUG: Diagnostic contains: `copies.put(m)` can block while a caller holds",
            "      copies.put(m);",
            "    } catch (InterruptedException e) { Thread.currentThread().interrupt(); }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A map's values, put into it by the compilation: read by {@code get(key)}, over {@code
   * values()}, and as the value parameter of the map's {@code forEach}. Silent: a map whose values
   * do not block, one whose values come from outside, and the key parameter of {@code forEach}.
   */
  @Test
  void identificationMapValues() {
    helper
        .addSourceLines(
            "Router.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.Consumer;",
            "class Router {",
            "  private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();",
            "  private final Map<String, Consumer<String>> quiet = new HashMap<>();",
            "  private final Map<String, Consumer<String>> foreign = new HashMap<>();",
            "  private final Map<Consumer<String>, String> byHandler = new HashMap<>();",
            "  private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);",
            "  void start(Consumer<String> external) {",
            "    handlers.put(\"chat\", m -> {",
            "      try {",
            "        // BUG: Diagnostic contains: `out.put(m)` can block while a caller holds",
            "        out.put(m);",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    });",
            "    quiet.putIfAbsent(\"chat\", m -> out.offer(m));",
            "    foreign.put(\"chat\", external);",
            "    byHandler.put(m -> out.offer(m), \"chat\");",
            "  }",
            "  synchronized void route(String topic, String m) {",
            "    // BUG: Diagnostic contains: `handlers.get(topic).accept(m)` can block while `this`",
            "    handlers.get(topic).accept(m);",
            "    // BUG: Diagnostic contains: `l.accept(m)` can block while `this`",
            "    for (Consumer<String> l : handlers.values()) l.accept(m);",
            "    // BUG: Diagnostic contains: `l.accept(m)` can block while `this`",
            "    handlers.values().forEach(l -> l.accept(m));",
            "    // BUG: Diagnostic contains: `l.accept(m)` can block while `this`",
            "    handlers.forEach((t, l) -> l.accept(m));",
            "    quiet.get(topic).accept(m);",
            "    quiet.forEach((t, l) -> l.accept(m));",
            "    foreign.get(topic).accept(m);",
            "    for (Consumer<String> l : foreign.values()) l.accept(m);",
            "    byHandler.forEach((l, t) -> l.accept(m));",
            "  }",
            "}")
        .doTest();
  }
}

package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Where the object a call runs on comes from, beyond the values the compilation shows: the static
 * types of everything passed into a parameter, an object that a library makes for a class literal
 * (an RPC proxy), and a constructor that no code of the compilation calls. Each rule has a silent
 * twin and a reported twin.
 */
final class BlockingPutUnderLockObjectOriginsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /**
   * A protocol with a server that puts each report into a bounded queue, and a client stub that
   * does not block; the server is created, so a call on a {@code Protocol} of unknown value reaches
   * it. {@code atPut} is the line written before the server's put.
   */
  private static String[] protocol(String atPut) {
    return new String[] {
      "import java.util.concurrent.*;",
      "interface Protocol { void report(String r); }",
      "class Server implements Protocol {",
      "  static final Server INSTANCE = new Server();",
      "  private final BlockingQueue<String> reports = new ArrayBlockingQueue<>(16);",
      "  public void report(String r) {",
      atPut,
      "    try { reports.put(r); } catch (InterruptedException e) { }",
      "  }",
      "}",
      "class ClientStub implements Protocol {",
      "  public void report(String r) { System.out.println(r); }",
      "}",
    };
  }

  /**
   * A reporter whose parameter is declared as the protocol, called under a lock by an actor whose
   * client field is set where the compilation does not show (a public setter): the field's value is
   * unknown, its type is not, and {@code reporterCalls} says what else calls the reporter.
   */
  private static String[] actor(String... reporterCalls) {
    String[] head = {
      "class Reporter {",
      "  void send(Protocol namenode, String r) { namenode.report(r); }",
      "}",
      "public class Actor {",
      "  private final Object reportLock = new Object();",
      "  private final Reporter reporter = new Reporter();",
      "  private ClientStub client;",
      "  public void setClient(ClientStub c) { client = c; }",
      "  void flush() {",
      "    synchronized (reportLock) {",
    };
    return Lines.of(head, reporterCalls, new String[] {"    }", "  }", "}"});
  }

  /** Every caller passes the client stub, typed as such: the call cannot reach the server. */
  @Test
  void identificationParameterNarrowedByCallersTypes() {
    helper
        .addSourceLines("Protocol.java", protocol(""))
        .addSourceLines("Actor.java", actor("      reporter.send(client, \"ibr\");"))
        .doTest();
  }

  /**
   * One caller passes the server: the parameter is any protocol, and the server puts. The type is
   * the parameter's, for every call: the stub's call is reported too.
   */
  @Test
  void identificationParameterOfMixedCallersTypes() {
    helper
        .addSourceLines(
            "Protocol.java",
            protocol("    // BUG: Diagnostic contains: a caller holds `reportLock`"))
        .addSourceLines(
            "Actor.java",
            actor(
                "      // BUG: Diagnostic contains: Server.report → `reports.put(r)`",
                "      reporter.send(client, \"ibr\");",
                "      // BUG: Diagnostic contains: Server.report → `reports.put(r)`",
                "      reporter.send(Server.INSTANCE, \"local\");"))
        .doTest();
  }

  /**
   * A stub whose remote end is a proxy a library makes for an interface ({@code
   * MethodHandleProxies}, as an RPC library's {@code getProxy(Protocol.class, ..)}), and {@code
   * endpoint}, a class of the compilation that implements the interface by putting.
   */
  private static String[] stub(String endpoint, String atCall) {
    return new String[] {
      "import java.lang.invoke.*;",
      "import java.util.concurrent.*;",
      "public class Stub {",
      "  public interface Channel { void deliver(String m); }",
      atCall.isEmpty() ? "" : "  // BUG: Diagnostic contains: a caller holds `sendLock`",
      endpoint,
      "  private final Object sendLock = new Object();",
      "  private final Channel remote;",
      "  Stub(MethodHandle handler) {",
      "    remote = MethodHandleProxies.asInterfaceInstance(Channel.class, handler);",
      "  }",
      "  void send(String m) {",
      "    synchronized (sendLock) {",
      atCall,
      "      remote.deliver(m);",
      "    }",
      "  }",
      "}",
    };
  }

  /**
   * The compilation creates its own endpoint (the server side of the channel): the proxy the
   * library makes is not that object, and the call reaches no body of the compilation.
   */
  @Test
  void identificationProxyMadeByLibrary() {
    helper
        .addSourceLines(
            "Stub.java",
            stub(
                "  static class Endpoint implements Channel {"
                    + "  static final Endpoint SERVED = new Endpoint();"
                    + "  final BlockingQueue<String> in = new ArrayBlockingQueue<>(4);"
                    + "  public void deliver(String m) {"
                    + "    try { in.put(m); } catch (InterruptedException e) { } } }",
                ""))
        .doTest();
  }

  /**
   * No code of the compilation creates the endpoint: only reflection can make it, as a container
   * that injects it does, so the object the library makes may be one, and its put is reported.
   */
  @Test
  void identificationObjectOnlyReflectionMakes() {
    helper
        .addSourceLines(
            "Stub.java",
            stub(
                "  static class Endpoint implements Channel {"
                    + "  final BlockingQueue<String> in = new ArrayBlockingQueue<>(4);"
                    + "  public void deliver(String m) {"
                    + "    try { in.put(m); } catch (InterruptedException e) { } } }",
                "      // BUG: Diagnostic contains: Endpoint.deliver → `in.put(m)`"))
        .doTest();
  }

  /**
   * A sender whose sink is set by two constructors: one the compilation calls, with a sink that
   * drops; one for tests or other modules, with any sink. {@code hubCreates} is how the hub makes
   * its sender, and {@code atCall} the line written before its call under the lock.
   */
  private static String[] sender(String hubCreates, String atCall) {
    return sender("", hubCreates, atCall);
  }

  /** {@link #sender(String, String)}, with {@code annotation} on the constructor for any sink. */
  private static String[] sender(String annotation, String hubCreates, String atCall) {
    return new String[] {
      "import java.util.concurrent.*;",
      "@interface VisibleForTesting {}",
      "@interface Inject {}",
      "interface Sink { void accept(String m); }",
      "class QueueSink implements Sink {",
      "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(8);",
      "  public void accept(String m) {",
      atCall.isEmpty() ? "" : "    // BUG: Diagnostic contains: a caller holds `hubLock`",
      "    try { q.put(m); } catch (InterruptedException e) { }",
      "  }",
      "}",
      "class DroppingSink implements Sink {",
      "  public void accept(String m) { }",
      "}",
      "class Sender {",
      "  private final Sink sink;",
      "  " + annotation + " public Sender(Sink sink) { this.sink = sink; }",
      "  Sender() { this.sink = new DroppingSink(); }",
      "  void send(String m) { sink.accept(m); }",
      "}",
      "public class Hub {",
      "  static final Sink AUDIT = new QueueSink();",
      "  private final Object hubLock = new Object();",
      "  private final Sender sender = " + hubCreates + ";",
      "  void publish(String m) {",
      "    synchronized (hubLock) {",
      atCall,
      "      sender.send(m);",
      "    }",
      "  }",
      "}",
    };
  }

  /**
   * The constructor that takes any sink is never called here: no sender of the compilation holds
   * the queue sink, and the send is silent.
   */
  @Test
  void identificationConstructorNeverCalled() {
    helper.addSourceLines("Hub.java", sender("new Sender()", "")).doTest();
  }

  /** The compilation calls that constructor with the queue sink: the send is reported. */
  @Test
  void identificationConstructorCalledWithBlockingSink() {
    helper
        .addSourceLines(
            "Hub.java",
            sender(
                "new Sender(AUDIT)",
                "      // BUG: Diagnostic contains: QueueSink.accept → `q.put(m)`"))
        .doTest();
  }

  /** A constructor marked as visible for tests is still one the compilation never calls. */
  @Test
  void identificationConstructorOnlyForTests() {
    helper.addSourceLines("Hub.java", sender("@VisibleForTesting", "new Sender()", "")).doTest();
  }

  /**
   * Another annotation on the constructor may say that a framework calls it (an injector): what it
   * passes in is unknown, and may be the queue sink.
   */
  @Test
  void identificationConstructorAFrameworkMayCall() {
    helper
        .addSourceLines(
            "Hub.java",
            sender(
                "@Inject",
                "new Sender()",
                "      // BUG: Diagnostic contains: QueueSink.accept → `q.put(m)`"))
        .doTest();
  }
}

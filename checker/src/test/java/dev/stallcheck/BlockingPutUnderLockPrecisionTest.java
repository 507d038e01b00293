package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Precision through calls (issue 8): each rule that keeps a call from reaching code it cannot run
 * has a silent twin, and a positive twin that is still reported.
 */
final class BlockingPutUnderLockPrecisionTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
          .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true");

  /**
   * A final template method {@code stop() { doStop(); }} and two services, one of them blocking.
   */
  private CompilationTestHelper services() {
    return helper.addSourceLines(
        "Service.java",
        "import java.util.concurrent.*;",
        "abstract class Service {",
        "  final void stop() { doStop(); }",
        "  abstract void doStop();",
        "}",
        "final class QuietService extends Service {",
        "  @Override void doStop() {}",
        "}",
        "class LoudService extends Service {",
        "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
        "  @Override void doStop() {",
        "    // BUG: Diagnostic contains: can block while a caller holds",
        "    try { q.put(\"stop\"); } catch (InterruptedException e) { throw new RuntimeException(e); }",
        "  }",
        "}",
        "class Services {",
        "  static Service[] all() { return new Service[] {new QuietService(), new LoudService()}; }",
        "}");
  }

  /**
   * Cause 1: the receiver's static type narrows the call, and a {@code this}-call inside an
   * inherited method runs in the context of the caller's receiver.
   */
  @Test
  void identificationReceiverTypeAndReceiverContext() {
    services()
        .addSourceLines(
            "Owner.java",
            "class Owner {",
            "  synchronized void stopQuiet(QuietService quiet) {",
            "    quiet.stop();",
            "  }",
            "  synchronized void stopLoud(LoudService loud) {",
            "    // BUG: Diagnostic contains: Service.stop → LoudService.doStop → `q.put(\"stop\")`",
            "    loud.stop();",
            "  }",
            "  synchronized void stopAny(Service any) {",
            "    // BUG: Diagnostic contains: Service.stop → LoudService.doStop",
            "    any.stop();",
            "  }",
            "}")
        .doTest();
  }

  /** Cause 2: only classes the compilation creates are reached (rapid type analysis). */
  @Test
  void identificationOnlyInstantiatedClasses() {
    String[] sinks = {
      "import java.util.concurrent.*;",
      "interface Sink { void accept(String s); }",
      "class QueueSink implements Sink {",
      "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
      "  @Override public void accept(String s) {",
      "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
      "  }",
      "}",
      "class ListSink implements Sink {",
      "  @Override public void accept(String s) {}",
      "  static Sink create() { return new ListSink(); }",
      "}"
    };
    helper
        .addSourceLines("Sinks.java", sinks)
        .addSourceLines(
            "Router.java",
            "class Router {",
            "  synchronized void route(Sink sink) {",
            "    sink.accept(\"s\");",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
    CompilationTestHelper.newInstance(BlockingPutUnderLock.class, getClass())
        .setArgs("-XepOpt:BlockingPutUnderLock:FailOnAnalysisError=true")
        .addSourceLines("Sinks.java", withCallerHeldSendAt(sinks, 6))
        .addSourceLines(
            "Router.java",
            "class Router {",
            "  synchronized void route(Sink sink) {",
            "    // BUG: Diagnostic contains: QueueSink.accept → `q.put(s)`",
            "    sink.accept(\"s\");",
            "  }",
            "  static Sink queued() { return new QueueSink(); }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  /**
   * Cause 2: a callback parameter is resolved with the argument's class ({@code recover(this)}),
   * and one that only ever receives {@code null} calls nothing.
   */
  @Test
  void identificationCallbacksByArgument() {
    helper
        .addSourceLines(
            "Store.java",
            "import java.util.List;",
            "interface Listener { void onItem(String item); }",
            "class Store {",
            "  private final List<String> items = List.of(\"a\");",
            "  public void recover(Listener listener) {",
            "    for (String item : items) listener.onItem(item);",
            "  }",
            "  void replay(Listener maybe) {",
            "    if (maybe != null) maybe.onItem(\"x\");",
            "  }",
            "}")
        .addSourceLines(
            "Caches.java",
            "import java.util.concurrent.*;",
            "class QuietCache implements Listener {",
            "  private final Store store = new Store();",
            "  @Override public void onItem(String item) {}",
            "  synchronized void start() {",
            "    store.recover(this);",
            "    store.replay(null);",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}",
            "class LoudCache implements Listener {",
            "  private final Store store = new Store();",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public void onItem(String item) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(item); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "  synchronized void start() {",
            "    // BUG: Diagnostic contains: Store.recover → LoudCache.onItem → `q.put(item)`",
            "    store.recover(this);",
            "  }",
            "  synchronized void replayTo(Store other) {",
            "    // BUG: Diagnostic contains: Store.replay → LoudCache.onItem",
            "    other.replay(this);",
            "  }",
            "  static Listener[] all() { return new Listener[] {new QuietCache(), new LoudCache()}; }",
            "}")
        .doTest();
  }

  /** Cause 3: a field holds what flows into it (a factory of one class). */
  @Test
  void identificationFieldValuesFromFactories() {
    helper
        .addSourceLines(
            "Logs.java",
            "import java.util.concurrent.*;",
            "interface Log { void info(String s); }",
            "final class StatusLog {",
            "  static Log get() { return new ConsoleLog(); }",
            "  static Log queued() { return new QueueLog(); }",
            "}",
            "class ConsoleLog implements Log {",
            "  @Override public void info(String s) {}",
            "}",
            "class QueueLog implements Log {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  @Override public void info(String s) {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    try { q.put(s); } catch (InterruptedException e) { throw new RuntimeException(e); }",
            "  }",
            "}")
        .addSourceLines(
            "Worker.java",
            "class Worker {",
            "  static final Log LOG = StatusLog.get();",
            "  private final Log audit = StatusLog.queued();",
            "  private Log unset;",
            "  synchronized void work() {",
            "    LOG.info(\"working\");",
            "    if (unset != null) unset.info(\"never\");",
            "    // BUG: Diagnostic contains: QueueLog.info → `q.put(s)`",
            "    audit.info(\"audit\");",
            "  }",
            "  private boolean closed;",
            "  synchronized void close() { closed = true; }",
            "}")
        .doTest();
  }

  /**
   * Cause 4: constant arguments decide branches (boolean, enum constant, early return, two levels).
   */
  @Test
  void identificationConstantArgumentsPruneBranches() {
    helper
        .addSourceLines(
            "Publisher.java",
            "import java.util.concurrent.*;",
            "class Publisher {",
            "  enum Overflow { BLOCK, DROP }",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  void publish(String e, boolean block) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    if (block) q.put(e); else q.offer(e);",
            "  }",
            "  void forward(String e, boolean block) throws InterruptedException {",
            "    publish(e, block);",
            "  }",
            "  void submit(String e, Overflow policy) throws InterruptedException {",
            "    switch (policy) {",
            "      case DROP -> q.offer(e);",
            "      // BUG: Diagnostic contains: can block while a caller holds",
            "      case BLOCK -> q.put(e);",
            "    }",
            "  }",
            "  void send(String e, boolean mayWait) throws InterruptedException {",
            "    if (!mayWait) {",
            "      q.offer(e);",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(e);",
            "  }",
            "}")
        .addSourceLines(
            "Hub.java",
            "class Hub {",
            "  private final Publisher publisher = new Publisher();",
            "  synchronized void quiet(String e) throws InterruptedException {",
            "    publisher.publish(e, false);",
            "    publisher.forward(e, false);",
            "    publisher.submit(e, Publisher.Overflow.DROP);",
            "    publisher.send(e, false);",
            "  }",
            "  synchronized void loud(String e, boolean unknown) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Publisher.publish → `q.put(e)`",
            "    publisher.publish(e, true);",
            "    // BUG: Diagnostic contains: Publisher.forward → Publisher.publish → `q.put(e)`",
            "    publisher.forward(e, true);",
            "    // BUG: Diagnostic contains: Publisher.submit → `q.put(e)`",
            "    publisher.submit(e, Publisher.Overflow.BLOCK);",
            "    // BUG: Diagnostic contains: Publisher.send → `q.put(e)`",
            "    publisher.send(e, true);",
            "    // BUG: Diagnostic contains: Publisher.publish → `q.put(e)`",
            "    publisher.publish(e, unknown);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Cause 4, objects: an argument made by a static factory, whose final fields the constructor sets
   * to constants, decides the branches that read those fields (a field, a record component, a
   * {@code switch}); a field the code cannot pin down (a constructor that delegates, a field that
   * is not final) decides nothing.
   */
  @Test
  void identificationFactoryObjectsWithConstantFieldsPruneBranches() {
    helper
        .addSourceLines(
            "Frame.java",
            "final class Frame {",
            "  enum Kind { CONTROL, DATA }",
            "  final Kind kind;",
            "  final byte[] payload;",
            "  private Frame(Kind kind, byte[] payload) {",
            "    this.kind = kind;",
            "    this.payload = payload;",
            "  }",
            "  static Frame control(byte[] payload) { return new Frame(Kind.CONTROL, payload); }",
            "  static Frame data(byte[] payload) { return new Frame(Kind.DATA, payload); }",
            "}")
        .addSourceLines(
            "Signal.java",
            "record Signal(boolean urgent, String body) {",
            "  static Signal urgent(String body) { return new Signal(true, body); }",
            "  static Signal routine(String body) { return new Signal(false, body); }",
            "}")
        .addSourceLines(
            "Flipped.java",
            "record Flipped(boolean urgent) {",
            "  Flipped {",
            "    urgent = !urgent;",
            "  }",
            "  static Flipped pressing() { return new Flipped(true); }",
            "}")
        .addSourceLines(
            "Loose.java",
            "final class Loose {",
            "  final boolean urgent;",
            "  Kind kind;",
            "  enum Kind { CONTROL, DATA }",
            "  private Loose(boolean urgent, Kind kind) { this.urgent = urgent; this.kind = kind; }",
            "  private Loose(boolean urgent) { this(urgent, Kind.CONTROL); }",
            "  static Loose urgent() { return new Loose(true); }",
            "  static Loose control() { return new Loose(false, Kind.CONTROL); }",
            "}")
        .addSourceLines(
            "Writer.java",
            "import java.util.concurrent.*;",
            "class Writer {",
            "  private final BlockingQueue<Object> q = new ArrayBlockingQueue<>(1);",
            "  void write(Frame frame) throws InterruptedException {",
            "    if (frame.kind == Frame.Kind.CONTROL) {",
            "      q.offer(frame);",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(frame);",
            "  }",
            "  void route(Frame frame) throws InterruptedException {",
            "    switch (frame.kind) {",
            "      case CONTROL -> q.offer(frame);",
            "      // BUG: Diagnostic contains: can block while a caller holds",
            "      case DATA -> q.put(frame);",
            "    }",
            "  }",
            "  void signal(Signal signal) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    if (signal.urgent()) q.offer(signal); else q.put(signal);",
            "  }",
            "  void flipped(Flipped flipped) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    if (flipped.urgent()) q.offer(flipped); else q.put(flipped);",
            "  }",
            "  void loose(Loose loose) throws InterruptedException {",
            "    if (loose.urgent || loose.kind == Loose.Kind.CONTROL) {",
            "      q.offer(loose);",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(loose);",
            "  }",
            "}")
        .addSourceLines(
            "Session.java",
            "class Session {",
            "  private final Writer writer = new Writer();",
            "  synchronized void quiet(byte[] b) throws InterruptedException {",
            "    writer.write(Frame.control(b));",
            "    writer.route(Frame.control(b));",
            "    writer.signal(Signal.urgent(\"ping\"));",
            "    Frame ack = Frame.control(b);",
            "    writer.write(ack);",
            "  }",
            "  synchronized void loud(byte[] b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Writer.write → `q.put(frame)`",
            "    writer.write(Frame.data(b));",
            "    // BUG: Diagnostic contains: Writer.route → `q.put(frame)`",
            "    writer.route(Frame.data(b));",
            "    // BUG: Diagnostic contains: Writer.signal → `q.put(signal)`",
            "    writer.signal(Signal.routine(\"data\"));",
            "  }",
            "  synchronized void undecided(byte[] b) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Writer.loose → `q.put(loose)`",
            "    writer.loose(Loose.urgent());",
            "    // BUG: Diagnostic contains: Writer.loose → `q.put(loose)`",
            "    writer.loose(Loose.control());",
            "    // BUG: Diagnostic contains: Writer.flipped → `q.put(flipped)`",
            "    writer.flipped(Flipped.pressing());",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Cause 4 with a plain class: a constant its constructor keeps in a final field decides the
   * branches on that field, read through a getter nothing overrides ({@code switch
   * (evt.getType())}), a call further down, and in a file javac has not run flow analysis on yet
   * (Channel's, when Layer's sends are checked); an overridden getter decides nothing.
   */
  @Test
  void identificationGettersOfConstantFieldsPruneBranches() {
    helper
        .addSourceLines(
            "Event.java",
            "class Event {",
            "  static final int CONNECT = 1;",
            "  static final int FIND = 2;",
            "  final int type;",
            "  private final Object arg;",
            "  Event(int type, Object arg) {",
            "    this.type = type;",
            "    this.arg = arg;",
            "  }",
            "  int getType() { return type; }",
            "}",
            "class Signal {",
            "  private final int kind;",
            "  Signal(int kind) { this.kind = kind; }",
            "  int kind() { return kind; }",
            "}",
            "class RemappedSignal extends Signal {",
            "  RemappedSignal() { super(Event.CONNECT); }",
            "  @Override int kind() { return Event.FIND; }",
            "}")
        .addSourceLines(
            "Layer.java",
            "import java.util.concurrent.*;",
            "class Layer {",
            "  private final BlockingQueue<Object> q = new ArrayBlockingQueue<>(1);",
            "  Object down(Event evt) throws InterruptedException {",
            "    switch (evt.getType()) {",
            "      case Event.FIND:",
            "        // BUG: Diagnostic contains: can block while a caller holds",
            "        q.put(evt);",
            "        return null;",
            "      default:",
            "        return null;",
            "    }",
            "  }",
            "  Object forward(Event evt) throws InterruptedException { return down(evt); }",
            "  void up(Event evt) throws InterruptedException {",
            "    if (evt.type != Event.FIND) {",
            "      return;",
            "    }",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    q.put(evt);",
            "  }",
            "  void signal(Signal signal) throws InterruptedException {",
            "    if (signal.kind() == Event.FIND) {",
            "      // BUG: Diagnostic contains: can block while a caller holds",
            "      q.put(signal);",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Channel.java",
            "class Channel {",
            "  private final Layer layer = new Layer();",
            "  Object pass(Event evt) throws InterruptedException { return layer.down(evt); }",
            "  synchronized void connect(Object address) throws InterruptedException {",
            "    layer.down(new Event(Event.CONNECT, address));",
            "    layer.forward(new Event(Event.CONNECT, address));",
            "    pass(new Event(Event.CONNECT, address));",
            "    layer.up(new Event(Event.CONNECT, address));",
            "  }",
            "  synchronized void find(Object address, int unknown) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Layer.down → `q.put(evt)`",
            "    layer.down(new Event(Event.FIND, address));",
            "    // BUG: Diagnostic contains: Layer.forward → Layer.down → `q.put(evt)`",
            "    layer.forward(new Event(Event.FIND, address));",
            "    // BUG: Diagnostic contains: Channel.pass → Layer.down → `q.put(evt)`",
            "    pass(new Event(Event.FIND, address));",
            "    // BUG: Diagnostic contains: Layer.up → `q.put(evt)`",
            "    layer.up(new Event(Event.FIND, address));",
            "    // BUG: Diagnostic contains: Layer.down → `q.put(evt)`",
            "    layer.down(new Event(unknown, address));",
            "  }",
            "  synchronized void overridden() throws InterruptedException {",
            "    // BUG: Diagnostic contains: Layer.signal → `q.put(signal)`",
            "    layer.signal(new Signal(Event.CONNECT));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Cause 4 one call further: a constant field of an argument's object, passed on as an argument of
   * its own ({@code invokeCallback(evt.getType(), ..)}, {@code handle(evt.type)}), still decides
   * the branches of the callee; a field read of an argument nobody constructs with a constant does
   * not.
   */
  @Test
  void identificationFieldsOfArgumentsPassedOn() {
    helper
        .addSourceLines(
            "Event.java",
            "final class Event {",
            "  static final int VIEW = 1;",
            "  static final int ADDRESS = 2;",
            "  final int type;",
            "  Event(int type) { this.type = type; }",
            "  int getType() { return type; }",
            "}")
        .addSourceLines(
            "Channel.java",
            "import java.util.concurrent.*;",
            "class Channel {",
            "  private final BlockingQueue<Object> views = new ArrayBlockingQueue<>(1);",
            "  Object up(Event evt) throws InterruptedException {",
            "    return invokeCallback(evt.getType(), evt);",
            "  }",
            "  Object direct(Event evt) throws InterruptedException {",
            "    return invokeCallback(evt.type, evt);",
            "  }",
            "  private Object invokeCallback(int type, Object arg) throws InterruptedException {",
            "    switch (type) {",
            "      case Event.VIEW:",
            "        // BUG: Diagnostic contains: can block while a caller holds",
            "        views.put(arg);",
            "        return null;",
            "      default:",
            "        return arg;",
            "    }",
            "  }",
            "  synchronized void fetchAddress() throws InterruptedException {",
            "    up(new Event(Event.ADDRESS));",
            "    direct(new Event(Event.ADDRESS));",
            "  }",
            "  synchronized void installView(int type) throws InterruptedException {",
            "    // BUG: Diagnostic contains: Channel.up → Channel.invokeCallback → `views.put(arg)`",
            "    up(new Event(Event.VIEW));",
            "    // BUG: Diagnostic contains: Channel.direct → Channel.invokeCallback",
            "    direct(new Event(Event.VIEW));",
            "    // BUG: Diagnostic contains: Channel.up → Channel.invokeCallback",
            "    up(new Event(type));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A virtual call that may run more than six bodies is a plugin point: when fewer than one in four
   * of them block (one of eight), the caller is not charged with the few plugins that do; when one
   * in four or more block (two of eight), or the call has six bodies or fewer, it is.
   */
  @Test
  void identificationPluginPointsWithFewBlockingPlugins() {
    helper
        .addSourceLines(
            "Plugins.java",
            "import java.util.concurrent.*;",
            "interface Bundler { void send(Object m) throws InterruptedException; }",
            "class Bundler0 implements Bundler {",
            "  private final BlockingQueue<Object> q = new ArrayBlockingQueue<>(1);",
            "  public void send(Object m) throws InterruptedException { q.put(m); }",
            "}",
            "class Bundler1 implements Bundler {",
            "  public void send(Object m) {}",
            "}",
            "class Bundler2 implements Bundler {",
            "  public void send(Object m) {}",
            "}",
            "class Bundler3 implements Bundler {",
            "  public void send(Object m) {}",
            "}",
            "class Bundler4 implements Bundler {",
            "  public void send(Object m) {}",
            "}",
            "class Bundler5 implements Bundler {",
            "  public void send(Object m) {}",
            "}",
            "class Bundler6 implements Bundler {",
            "  public void send(Object m) {}",
            "}",
            "class Bundler7 implements Bundler {",
            "  public void send(Object m) {}",
            "}",
            "interface Codec { void send(Object m) throws InterruptedException; }",
            "class Codec0 implements Codec {",
            "  private final BlockingQueue<Object> q = new ArrayBlockingQueue<>(1);",
            "  // BUG: Diagnostic contains: a caller holds `Transport.this`",
            "  public void send(Object m) throws InterruptedException { q.put(m); }",
            "}",
            "class Codec1 implements Codec {",
            "  private final BlockingQueue<Object> q = new ArrayBlockingQueue<>(1);",
            "  // BUG: Diagnostic contains: a caller holds `Transport.this`",
            "  public void send(Object m) throws InterruptedException { q.put(m); }",
            "}",
            "class Codec2 implements Codec {",
            "  public void send(Object m) {}",
            "}",
            "class Codec3 implements Codec {",
            "  public void send(Object m) {}",
            "}",
            "class Codec4 implements Codec {",
            "  public void send(Object m) {}",
            "}",
            "class Codec5 implements Codec {",
            "  public void send(Object m) {}",
            "}",
            "class Codec6 implements Codec {",
            "  public void send(Object m) {}",
            "}",
            "class Codec7 implements Codec {",
            "  public void send(Object m) {}",
            "}",
            "interface Sink { void send(Object m) throws InterruptedException; }",
            "class Sink0 implements Sink {",
            "  private final BlockingQueue<Object> q = new ArrayBlockingQueue<>(1);",
            "  // BUG: Diagnostic contains: a caller holds `Transport.this`",
            "  public void send(Object m) throws InterruptedException { q.put(m); }",
            "}",
            "class Sink1 implements Sink {",
            "  public void send(Object m) {}",
            "}",
            "class Sink2 implements Sink {",
            "  public void send(Object m) {}",
            "}",
            "class Sink3 implements Sink {",
            "  public void send(Object m) {}",
            "}",
            "class Sink4 implements Sink {",
            "  public void send(Object m) {}",
            "}",
            "class Sink5 implements Sink {",
            "  public void send(Object m) {}",
            "}",
            "class Plugins {",
            "  static Bundler bundler(String type) {",
            "    switch (type) {",
            "      case \"0\": return new Bundler0();",
            "      case \"1\": return new Bundler1();",
            "      case \"2\": return new Bundler2();",
            "      case \"3\": return new Bundler3();",
            "      case \"4\": return new Bundler4();",
            "      case \"5\": return new Bundler5();",
            "      case \"6\": return new Bundler6();",
            "      case \"7\": return new Bundler7();",
            "      default: return null;",
            "    }",
            "  }",
            "  static Codec codec(String type) {",
            "    switch (type) {",
            "      case \"0\": return new Codec0();",
            "      case \"1\": return new Codec1();",
            "      case \"2\": return new Codec2();",
            "      case \"3\": return new Codec3();",
            "      case \"4\": return new Codec4();",
            "      case \"5\": return new Codec5();",
            "      case \"6\": return new Codec6();",
            "      case \"7\": return new Codec7();",
            "      default: return null;",
            "    }",
            "  }",
            "  static Sink sink(String type) {",
            "    switch (type) {",
            "      case \"0\": return new Sink0();",
            "      case \"1\": return new Sink1();",
            "      case \"2\": return new Sink2();",
            "      case \"3\": return new Sink3();",
            "      case \"4\": return new Sink4();",
            "      case \"5\": return new Sink5();",
            "      default: return null;",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Transport.java",
            "class Transport {",
            "  private final Bundler bundler;",
            "  private final Codec codec;",
            "  private final Sink sink;",
            "  Transport(String type) {",
            "    bundler = Plugins.bundler(type);",
            "    codec = Plugins.codec(type);",
            "    sink = Plugins.sink(type);",
            "  }",
            "  synchronized void fewBlock(Object m) throws InterruptedException {",
            "    bundler.send(m);",
            "  }",
            "  synchronized void quarterBlock(Object m) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while `this`",
            "    codec.send(m);",
            "  }",
            "  synchronized void fewBodies(Object m) throws InterruptedException {",
            "    // BUG: Diagnostic contains: can block while `this`",
            "    sink.send(m);",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A chain is reported while it goes through at most ten methods (each virtual step a guess at
   * what runs); past that it is not. A put reached both the long way and a short way is reported
   * with the short way.
   */
  @Test
  void identificationChainsWithinReach() {
    List<String> lines = new ArrayList<>();
    lines.add("import java.util.concurrent.*;");
    lines.add("class Deep {");
    lines.add("  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);");
    for (int i = 1; i <= 11; i++) {
      lines.add("  void m" + i + "(String s) throws InterruptedException { m" + (i + 1) + "(s); }");
    }
    lines.add("  // BUG: Diagnostic contains: can block while a caller holds");
    lines.add("  void m12(String s) throws InterruptedException { q.put(s); }");
    lines.add("  void viaLongWay(String s, boolean shortcut) throws InterruptedException {");
    lines.add("    m1(s);");
    lines.add("    if (shortcut) m11(s);");
    lines.add("  }");
    lines.add("  synchronized void ten(String s) throws InterruptedException {");
    lines.add("    // BUG: Diagnostic contains: Deep.m3 → Deep.m4");
    lines.add("    m3(s);");
    lines.add("  }");
    lines.add("  synchronized void eleven(String s) throws InterruptedException {");
    lines.add("    m2(s);");
    lines.add("  }");
    lines.add("  synchronized void both(String s, boolean b) throws InterruptedException {");
    lines.add(
        "    // BUG: Diagnostic contains: Deep.viaLongWay → Deep.m11 → Deep.m12 → `q.put(s)`");
    lines.add("    viaLongWay(s, b);");
    lines.add("  }");
    lines.add("}");
    helper.addSourceLines("Deep.java", lines.toArray(new String[0])).doTest();
  }

  /**
   * Cause 4 through a local: {@code int type = evt.type; switch (type)} decides as {@code switch
   * (evt.type)} does, while the local is never assigned again; and an argument that is one of a few
   * constants ({@code flush ? new Event(CONNECT_FLUSH) : new Event(CONNECT)}) rules out the cases
   * of none of them; so does a group of labels that fall into one case ({@code case CONNECT: case
   * CONNECT_FLUSH:}) for a constant that is none of them.
   */
  @Test
  void identificationLocalCopiesOfGuardedValues() {
    helper
        .addSourceLines(
            "Event.java",
            "final class Event {",
            "  static final int CONNECT = 1;",
            "  static final int DATA = 2;",
            "  static final int CONNECT_FLUSH = 3;",
            "  final int type;",
            "  Event(int type) { this.type = type; }",
            "}")
        .addSourceLines(
            "Layer.java",
            "import java.util.concurrent.*;",
            "class Layer {",
            "  private final BlockingQueue<Event> q = new ArrayBlockingQueue<>(1);",
            "  void down(Event evt) throws InterruptedException {",
            "    int type = evt.type;",
            "    switch (type) {",
            "      case Event.CONNECT:",
            "      case Event.CONNECT_FLUSH:",
            "        q.offer(evt);",
            "        return;",
            "      case Event.DATA:",
            "        // BUG: Diagnostic contains: can block while a caller holds",
            "        q.put(evt);",
            "        return;",
            "      default:",
            "    }",
            "  }",
            "  void grouped(Event evt) throws InterruptedException {",
            "    switch (evt.type) {",
            "      case Event.CONNECT:",
            "      case Event.CONNECT_FLUSH:",
            "        // BUG: Diagnostic contains: can block while a caller holds",
            "        q.put(evt);",
            "        break;",
            "      default:",
            "        q.offer(evt);",
            "    }",
            "  }",
            "  void changed(Event evt) throws InterruptedException {",
            "    int type = evt.type;",
            "    if (evt == null) type = Event.DATA;",
            "    // BUG: Diagnostic contains: can block while a caller holds",
            "    if (type == Event.DATA) q.put(evt);",
            "  }",
            "}")
        .addSourceLines(
            "Channel.java",
            "class Channel {",
            "  private final Layer layer = new Layer();",
            "  synchronized void connect() throws InterruptedException {",
            "    layer.down(new Event(Event.CONNECT));",
            "  }",
            "  synchronized void send() throws InterruptedException {",
            "    // BUG: Diagnostic contains: Layer.down → `q.put(evt)`",
            "    layer.down(new Event(Event.DATA));",
            "  }",
            "  synchronized void either(boolean flush) throws InterruptedException {",
            "    Event connect = flush ? new Event(Event.CONNECT_FLUSH) : new Event(Event.CONNECT);",
            "    layer.down(connect);",
            "  }",
            "  synchronized void eitherArgument(boolean flush) throws InterruptedException {",
            "    layer.down(new Event(flush ? Event.CONNECT_FLUSH : Event.CONNECT));",
            "  }",
            "  synchronized void eitherOrData(boolean flush) throws InterruptedException {",
            "    Event some = flush ? new Event(Event.DATA) : new Event(Event.CONNECT);",
            "    // BUG: Diagnostic contains: Layer.down → `q.put(evt)`",
            "    layer.down(some);",
            "  }",
            "  synchronized void groupedData() throws InterruptedException {",
            "    layer.grouped(new Event(Event.DATA));",
            "  }",
            "  synchronized void groupedFlush() throws InterruptedException {",
            "    // BUG: Diagnostic contains: Layer.grouped → `q.put(evt)`",
            "    layer.grouped(new Event(Event.CONNECT_FLUSH));",
            "  }",
            "  synchronized void reassigned() throws InterruptedException {",
            "    // BUG: Diagnostic contains: Layer.changed → `q.put(evt)`",
            "    layer.changed(new Event(Event.CONNECT));",
            "  }",
            "}")
        .doTest();
  }

  /**
   * A dispatcher reached with more than eight different constants keeps them apart while the
   * compilation has contexts to spare (here, other methods called in one context each): only the
   * constant whose case puts is reported.
   */
  @Test
  void identificationDispatcherPastEightContexts() {
    int kinds = 12;
    List<String> layer = new ArrayList<>();
    layer.add("import java.util.concurrent.*;");
    layer.add("class Layer {");
    layer.add("  private final BlockingQueue<Integer> q = new ArrayBlockingQueue<>(1);");
    layer.add("  void dispatch(int kind) throws InterruptedException {");
    layer.add("    switch (kind) {");
    layer.add("      case 1:");
    layer.add("        // BUG: Diagnostic contains: can block while a caller holds");
    layer.add("        q.put(kind);");
    layer.add("        break;");
    layer.add("      default:");
    layer.add("        q.offer(kind);");
    layer.add("    }");
    layer.add("  }");
    for (int k = 1; k <= kinds; k++) {
      layer.add("  void note" + k + "(boolean loud) { if (loud) System.out.println(" + k + "); }");
    }
    layer.add("}");
    List<String> channel = new ArrayList<>();
    channel.add("class Channel {");
    channel.add("  private final Layer layer = new Layer();");
    for (int k = kinds; k >= 1; k--) {
      channel.add("  synchronized void send" + k + "() throws InterruptedException {");
      channel.add("    layer.note" + k + "(true);");
      if (k == 1) {
        channel.add("    // BUG: Diagnostic contains: Layer.dispatch → `q.put(kind)`");
      }
      channel.add("    layer.dispatch(" + k + ");");
      channel.add("  }");
    }
    channel.add("}");
    helper
        .addSourceLines("Layer.java", layer.toArray(new String[0]))
        .addSourceLines("Channel.java", channel.toArray(new String[0]))
        .doTest();
  }

  /**
   * Cause 5 for a queue class of one's own: a subclass of {@code LinkedBlockingQueue} whose every
   * constructor gives it no capacity is unbounded ({@code super.put(e)} in its override, a field of
   * that class); one constructor with a capacity makes it bounded.
   */
  @Test
  void identificationUnboundedQueueSubclasses() {
    helper
        .addSourceLines(
            "Queues.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class UniqueQueue<E> extends LinkedBlockingQueue<E> {",
            "  private final Set<E> keys = new HashSet<>();",
            "  @Override public synchronized void put(E e) throws InterruptedException {",
            "    if (keys.add(e)) {",
            "      super.put(e);",
            "    }",
            "  }",
            "  synchronized boolean seen(E e) { return keys.contains(e); }",
            "}",
            "class CopyingQueue<E> extends LinkedBlockingQueue<E> {",
            "  CopyingQueue() {}",
            "  CopyingQueue(Collection<E> items) { super(items); }",
            "  CopyingQueue(String name) { this(); }",
            "}",
            "class CappedQueue<E> extends LinkedBlockingQueue<E> {",
            "  CappedQueue() { super(Integer.MAX_VALUE); }",
            "  CappedQueue(int capacity) { super(capacity); }",
            "  @Override public synchronized void put(E e) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `super.put(e)` can block while `this`",
            "    super.put(e);",
            "  }",
            "  @Override public synchronized boolean offer(E e) { return super.offer(e); }",
            "}",
            "class Users {",
            "  private final CopyingQueue<String> copies = new CopyingQueue<>();",
            "  private final CappedQueue<String> capped = new CappedQueue<>(16);",
            "  synchronized void add(String s) throws InterruptedException {",
            "    copies.put(s);",
            "    // BUG: Diagnostic contains: `capped.put(s)` can block while `this`",
            "    capped.put(s);",
            "  }",
            "  synchronized int pending() { return copies.size() + capped.size(); }",
            "}")
        .doTest();
  }

  /** Cause 5: a queue's bound flows through the constructors that build its owner. */
  @Test
  void identificationQueueBoundThroughConstructors() {
    helper
        .addSourceLines(
            "Workers.java",
            "import java.util.concurrent.*;",
            "class Worker {",
            "  private final BlockingQueue<String> jobs;",
            "  Worker(BlockingQueue<String> jobs) { this.jobs = jobs; }",
            "  synchronized void submit(String job) throws InterruptedException {",
            "    jobs.put(job);",
            "  }",
            "  synchronized int pending() { return jobs.size(); }",
            "}",
            "class BoundedWorker {",
            "  private final BlockingQueue<String> jobs;",
            "  BoundedWorker(BlockingQueue<String> jobs) { this.jobs = jobs; }",
            "  synchronized void submit(String job) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `jobs.put(job)` can block",
            "    jobs.put(job);",
            "  }",
            "  synchronized int pending() { return jobs.size(); }",
            "}",
            "class Pool {",
            "  final Worker a = new Worker(new LinkedBlockingQueue<>());",
            "  final Worker b = new Worker(new LinkedBlockingQueue<>());",
            "  final BoundedWorker c = new BoundedWorker(new LinkedBlockingQueue<>());",
            "  final BoundedWorker d = new BoundedWorker(new ArrayBlockingQueue<>(4));",
            "}")
        .doTest();
  }

  /**
   * Cause 5, for each object: a class built with an unbounded queue in one place and a bounded one
   * in another sends without waiting on the objects built with the unbounded one (a field, a local,
   * a factory's result, a fresh object), also through its own helper; calls on the others, and on
   * an object of unknown origin, are still reported.
   */
  @Test
  void identificationQueueBoundOfEachReceiver() {
    helper
        .addSourceLines(
            "Mailboxes.java",
            "import java.util.concurrent.*;",
            "class Mailbox {",
            "  private final BlockingQueue<String> box;",
            "  Mailbox(BlockingQueue<String> box) { this.box = box; }",
            "  void post(String m) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `box.put(m)` can block while a caller holds",
            "    box.put(m);",
            "  }",
            "  void relay(String m) throws InterruptedException { post(m); }",
            "  static Mailbox unbounded() { return new Mailbox(new LinkedBlockingQueue<>()); }",
            "}",
            "class Office {",
            "  private final Mailbox bounded = new Mailbox(new ArrayBlockingQueue<>(4));",
            "  private final Mailbox unbounded = new Mailbox(new LinkedBlockingQueue<>());",
            "  private final Mailbox made = Mailbox.unbounded();",
            "  synchronized void toBounded(String m) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `bounded.post(m)` can block",
            "    bounded.post(m);",
            "  }",
            "  synchronized void toAny(Mailbox any, String m) throws InterruptedException {",
            "    // BUG: Diagnostic contains: `any.post(m)` can block",
            "    any.post(m);",
            "  }",
            "  synchronized void toUnbounded(String m) throws InterruptedException {",
            "    unbounded.post(m);",
            "    unbounded.relay(m);",
            "    made.post(m);",
            "    Mailbox local = new Mailbox(new LinkedBlockingQueue<>());",
            "    local.post(m);",
            "    new Mailbox(new LinkedBlockingQueue<>(Integer.MAX_VALUE)).post(m);",
            "  }",
            "}")
        .doTest();
  }

  /** Cause 6: a lock created in the method that never escapes it stalls nobody. */
  @Test
  void identificationLocksThatDoNotEscape() {
    helper
        .addSourceLines(
            "Locals.java",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.locks.*;",
            "class Locals {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  private Object published;",
            "  // BUG: Diagnostic contains: can block while a caller holds",
            "  void send(String s) throws InterruptedException { q.put(s); }",
            "  void monitor(String s) throws InterruptedException {",
            "    Object lock = new Object();",
            "    synchronized (lock) {",
            "      q.put(s);",
            "      send(s);",
            "    }",
            "  }",
            "  void reentrant(String s) throws InterruptedException {",
            "    ReentrantLock lock = new ReentrantLock();",
            "    lock.lock();",
            "    try {",
            "      q.put(s);",
            "      send(s);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "  void readWrite(String s) throws InterruptedException {",
            "    ReadWriteLock lock = new ReentrantReadWriteLock();",
            "    lock.writeLock().lock();",
            "    try {",
            "      send(s);",
            "    } finally {",
            "      lock.writeLock().unlock();",
            "    }",
            "  }",
            "  void escapes(String s) throws InterruptedException {",
            "    Object lock = new Object();",
            "    published = lock;",
            "    synchronized (lock) {",
            "      // BUG: Diagnostic contains: `q.put(s)` can block while `lock`",
            "      q.put(s);",
            "      // BUG: Diagnostic contains: `send(s)` can block while `lock`",
            "      send(s);",
            "    }",
            "  }",
            "  void passed(String s, ExecutorService pool) throws InterruptedException {",
            "    ReentrantLock lock = new ReentrantLock();",
            "    pool.execute(() -> { lock.lock(); lock.unlock(); });",
            "    lock.lock();",
            "    try {",
            "      // BUG: Diagnostic contains: `send(s)` can block while `lock`",
            "      send(s);",
            "    } finally {",
            "      lock.unlock();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  /**
   * Messages: the first line stands alone; every step follows on its own line with where it is
   * made, even past the eight methods the first line names, and a recursive cycle shows once.
   */
  @Test
  void identificationWholeChainOnLinesAfterTheFirst() {
    String whole =
        String.join(
            "\n",
            "is held: Chain.m1 → Chain.m2 → Chain.m3 → Chain.m4 → Chain.m5 → … 2 more calls … →"
                + " Chain.m8 → Chain.m9 → `q.put(s)` (Chain.java:13)",
            "    Chain.m1 calls Chain.m2 at Chain.java:4",
            "    Chain.m2 calls Chain.m3 at Chain.java:5",
            "    Chain.m3 calls Chain.m4 at Chain.java:6",
            "    Chain.m4 calls Chain.m5 at Chain.java:7",
            "    Chain.m5 calls Chain.m6 at Chain.java:8",
            "    Chain.m6 calls Chain.m7 at Chain.java:9",
            "    Chain.m7 calls Chain.m8 at Chain.java:10",
            "    Chain.m8 calls Chain.m9 at Chain.java:11",
            "    Chain.m9 calls `q.put(s)` at Chain.java:13");
    helper
        .expectErrorMessage("WHOLE", message -> message.contains(whole))
        .expectErrorMessage("ONE", message -> !message.contains(" calls "))
        .addSourceLines(
            "Chain.java",
            "import java.util.concurrent.*;",
            "class Chain {",
            "  private final BlockingQueue<String> q = new ArrayBlockingQueue<>(1);",
            "  void m1(String s) throws InterruptedException { m2(s); }",
            "  void m2(String s) throws InterruptedException { m3(s); }",
            "  void m3(String s) throws InterruptedException { m4(s); }",
            "  void m4(String s) throws InterruptedException { m5(s); }",
            "  void m5(String s) throws InterruptedException { m6(s); }",
            "  void m6(String s) throws InterruptedException { m7(s); }",
            "  void m7(String s) throws InterruptedException { m8(s); }",
            "  void m8(String s) throws InterruptedException { m9(s); }",
            "  // BUG: Diagnostic contains: can block while a caller holds",
            "  void m9(String s) throws InterruptedException { q.put(s); }",
            "  synchronized void run(String s) throws InterruptedException {",
            "    // BUG: Diagnostic matches: WHOLE",
            "    m1(s);",
            "    // BUG: Diagnostic matches: ONE",
            "    m9(s);",
            "  }",
            "  synchronized int pending() { return q.size(); }",
            "}")
        .doTest();
  }

  /**
   * {@code lines} expecting, at line {@code line}, the send's own finding in its file (the one that
   * carries the fix for callers that reach it under their locks).
   */
  private static String[] withCallerHeldSendAt(String[] lines, int line) {
    List<String> expecting = new ArrayList<>(Arrays.asList(lines));
    expecting.add(line - 1, "    // BUG: Diagnostic contains: can block while a caller holds");
    return expecting.toArray(String[]::new);
  }
}

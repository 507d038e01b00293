package dev.stallcheck.paths;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The one access-path type seen through {@link PathProbe}: stripping, how the two readers name
 * expressions, equality, and translation across a call.
 */
final class AccessPathTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(PathProbe.class, getClass())
          .addSourceLines(
              "Probes.java",
              "final class Probes {",
              "  static void bare(Object x) {}",
              "  static void frame(Object x) {}",
              "  static void reference(Object x) {}",
              "  static void same(Object x, Object y) {}",
              "  static void seen(Object call) {}",
              "}");

  @Test
  void identificationStripping() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  final Object lock = new Object();",
            "  void m() {",
            "    // BUG: Diagnostic contains: bare: IDENTIFIER lock",
            "    Probes.bare(((Object) (lock)));",
            "    // BUG: Diagnostic contains: bare: MEMBER_SELECT this.lock",
            "    Probes.bare((Object) ((Object) this.lock));",
            "    // BUG: Diagnostic contains: bare: METHOD_INVOCATION toString()",
            "    Probes.bare((toString()));",
            "    // BUG: Diagnostic contains: frame: this.lock",
            "    Probes.frame((Object) (this.lock));",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationEquality() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.locks.*;",
            "class Test {",
            "  static final Object GLOBAL = new Object();",
            "  final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();",
            "  final Object lock = new Object();",
            "  Test other;",
            "  void m(Test parameter) {",
            "    Object local = lock;",
            "    // BUG: Diagnostic contains: same: true",
            "    Probes.same(this.lock, lock);",
            "    // BUG: Diagnostic contains: same: false",
            "    Probes.same(other.lock, lock);",
            "    // BUG: Diagnostic contains: same: true",
            "    Probes.same(rw.readLock(), this.rw.readLock());",
            "    // BUG: Diagnostic contains: same: false",
            "    Probes.same(rw.readLock(), rw.writeLock());",
            "    // BUG: Diagnostic contains: same: true",
            "    Probes.same(Test.GLOBAL, GLOBAL);",
            "    // BUG: Diagnostic contains: same: false",
            "    Probes.same(local, lock);",
            "    // BUG: Diagnostic contains: frame: parameter.other.lock",
            "    Probes.frame(parameter.other.lock);",
            "    // BUG: Diagnostic contains: frame: this.rw.readLock()",
            "    Probes.frame(rw.readLock());",
            "    // BUG: Diagnostic contains: frame: Test.class.GLOBAL",
            "    Probes.frame(GLOBAL);",
            "    // BUG: Diagnostic contains: frame: null",
            "    Probes.frame(new Object());",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationReferencePaths() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.concurrent.atomic.AtomicReference;",
            "class Test {",
            "  final Object pool = new Object();",
            "  void m(Object[] holder, AtomicReference<Object> ref) {",
            "    // BUG: Diagnostic contains: reference: holder",
            "    Probes.reference(holder[0]);",
            "    // BUG: Diagnostic contains: reference: this.pool",
            "    Probes.reference(this.pool);",
            "    // BUG: Diagnostic contains: reference: this.pool",
            "    Probes.reference(pool);",
            "    // BUG: Diagnostic contains: reference: ref.get()",
            "    Probes.reference(ref.get());",
            "    // BUG: Diagnostic contains: reference: none",
            "    Probes.reference(ref.getAndSet(null));",
            "    // BUG: Diagnostic contains: reference: none",
            "    Probes.reference(this);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void identificationTranslationAcrossCalls() {
    helper
        .addSourceLines(
            "Node.java",
            "class Node {",
            "  static final Object GLOBAL = new Object();",
            "  final Object lock = new Object();",
            "  Node next;",
            "  Object own() { return this.lock; }",
            "  Object ofParameter(Node n) { return n.next.lock; }",
            "  Object ofStatic() { return GLOBAL; }",
            "  Object ofLocal() { Object l = lock; return l; }",
            "  Node make() { return new Node(); }",
            "  void caller(Node head, Node tail) {",
            "    // BUG: Diagnostic contains: seen: this.lock -> head.lock",
            "    Probes.seen(head.own());",
            "    // BUG: Diagnostic contains: seen: this.lock -> this.lock",
            "    Probes.seen(own());",
            "    // BUG: Diagnostic contains: seen: this.lock -> this.next.lock",
            "    Probes.seen(next.own());",
            "    // BUG: Diagnostic contains: seen: n.next.lock -> tail.next.next.lock",
            "    Probes.seen(head.ofParameter(tail.next));",
            "    // BUG: Diagnostic contains: seen: n.next.lock -> none",
            "    Probes.seen(head.ofParameter(new Node()));",
            "    // BUG: Diagnostic contains: seen: Node.class.GLOBAL -> Node.class.GLOBAL",
            "    Probes.seen(make().ofStatic());",
            "    // BUG: Diagnostic contains: seen: l -> none",
            "    Probes.seen(head.ofLocal());",
            "    // BUG: Diagnostic contains: seen: this.lock -> none",
            "    Probes.seen(new Node().own());",
            "  }",
            "}")
        .doTest();
  }
}

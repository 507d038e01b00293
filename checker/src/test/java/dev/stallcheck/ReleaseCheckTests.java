package dev.stallcheck;

import com.google.errorprone.CompilationTestHelper;

/**
 * Where the ReleaseOrderedByTimeout tests start: the check, with an analysis error failing the
 * test, and a pool that lends connections ({@code demo.Pool}: {@code Conn acquire()}, {@code void
 * release(Conn)}).
 */
final class ReleaseCheckTests {
  private ReleaseCheckTests() {}

  /** The helper for {@code test}, with {@code demo/Pool.java} added. */
  static CompilationTestHelper withPool(Class<?> test) {
    return CompilationTestHelper.newInstance(ReleaseOrderedByTimeout.class, test)
        .setArgs("-XepOpt:ReleaseOrderedByTimeout:FailOnAnalysisError=true")
        .addSourceLines(
            "demo/Pool.java",
            "package demo;",
            "public class Pool {",
            "  public Conn acquire() throws InterruptedException { return new Conn(); }",
            "  public void release(Conn c) {}",
            "  public static final class Conn {}",
            "}");
  }
}

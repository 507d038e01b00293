package dev.stallcheck.graph;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** {@link CompilationIndex#overridersOf}, seen through {@link OverridersProbe}. */
final class CompilationIndexTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(OverridersProbe.class, getClass());

  /**
   * Among many overloads of one name (a visitor's), only the overrides of the method asked about,
   * at any depth and through generic supertypes; never an overload, a static or private method of
   * the same name, or a method of an unrelated class.
   */
  @Test
  void identificationOverridersAmongOverloads() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  static class A {}",
            "  static class B {}",
            "  static class Base {",
            "    // BUG: Diagnostic contains: Base.mVisit(Test.A) overridden by [Sub.mVisit(Test.A),"
                + " Deep.mVisit(Test.A)]",
            "    void mVisit(A a) {}",
            "    // BUG: Diagnostic contains: Base.mVisit(Test.B) overridden by [Sub.mVisit(Test.B)]",
            "    void mVisit(B b) {}",
            "  }",
            "  static class Sub extends Base {",
            "    // BUG: Diagnostic contains: overridden by [Deep.mVisit(Test.A)]",
            "    @Override void mVisit(A a) {}",
            "    // BUG: Diagnostic contains: overridden by []",
            "    @Override void mVisit(B b) {}",
            "    // BUG: Diagnostic contains: overridden by []",
            "    void mVisit(A a, B b) {}",
            "  }",
            "  static class Deep extends Sub {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    @Override void mVisit(A a) {}",
            "    // BUG: Diagnostic contains: overridden by []",
            "    private void mVisit(A a, A b) {}",
            "  }",
            "  static class Unrelated {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    void mVisit(A a) {}",
            "  }",
            "  interface Visitor<T> {",
            "    // BUG: Diagnostic contains: Visitor.mAccept(T) overridden by"
                + " [Strings.mAccept(java.lang.String)]",
            "    void mAccept(T t);",
            "  }",
            "  static class Strings implements Visitor<String> {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    @Override public void mAccept(String s) {}",
            "    // BUG: Diagnostic contains: overridden by []",
            "    static void mAccept(Integer i) {}",
            "  }",
            "}")
        .doTest();
  }
}

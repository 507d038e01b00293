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

  /**
   * A base class with many subclasses and a name few of them declare: the overrides are found among
   * the methods of that name (in the order of their classes), never one of an unrelated class, an
   * overload, or a static method of a subclass.
   */
  @Test
  void identificationOverridersOfARareNameBelowManySubclasses() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  static class Base {",
            "    // BUG: Diagnostic contains: Base.mRun() overridden by [First.mRun(), Third.mRun()]",
            "    void mRun() {}",
            "  }",
            "  static class First extends Base {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    @Override void mRun() {}",
            "  }",
            "  static class Second extends Base {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    void mRun(int times) {}",
            "  }",
            "  static class Third extends Base {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    @Override void mRun() {}",
            "  }",
            "  static class Fourth extends Base {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    static void mRun(String name) {}",
            "  }",
            "  static class Fifth extends Base {}",
            "  static class Sixth extends Base {}",
            "  static class Unrelated {",
            "    // BUG: Diagnostic contains: overridden by []",
            "    void mRun() {}",
            "  }",
            "}")
        .doTest();
  }
}

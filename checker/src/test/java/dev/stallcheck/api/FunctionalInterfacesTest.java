package dev.stallcheck.api;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** {@link FunctionalInterfaces} seen through {@link FunctionalInterfacesProbe}. */
final class FunctionalInterfacesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(FunctionalInterfacesProbe.class, getClass());

  @Test
  void identificationFunctionalAsJavacSays() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.Comparator;",
            "import java.util.function.Function;",
            "abstract class Test {",
            "  interface Task extends Runnable { default void twice() { run(); run(); } }",
            "  void m(",
            "      // BUG: Diagnostic contains: pRunnable functional: true, javac: true",
            "      Runnable pRunnable,",
            "      // BUG: Diagnostic contains: pFunction functional: true, javac: true",
            "      Function<String, Integer> pFunction,",
            "      // BUG: Diagnostic contains: pComparator functional: true, javac: true",
            "      Comparator<String> pComparator,",
            "      // BUG: Diagnostic contains: pTask functional: true, javac: true",
            "      Task pTask,",
            "      // BUG: Diagnostic contains: pAgain functional: true, javac: true",
            "      Runnable pAgain) {}",
            "}")
        .doTest();
  }

  @Test
  void identificationNotFunctionalAsJavacSays() {
    helper
        .addSourceLines(
            "Test.java",
            "import java.util.List;",
            "abstract class Test {",
            "  interface Two { void a(); void b(); }",
            "  <T> void m(",
            "      // BUG: Diagnostic contains: pList functional: false, javac: false",
            "      List<String> pList,",
            "      // BUG: Diagnostic contains: pListAgain functional: false, javac: false",
            "      List<Integer> pListAgain,",
            "      // BUG: Diagnostic contains: pTwo functional: false, javac: false",
            "      Two pTwo,",
            "      // BUG: Diagnostic contains: pString functional: false, javac: false",
            "      String pString,",
            "      // BUG: Diagnostic contains: pVariable functional: false, javac: false",
            "      T pVariable) {}",
            "}")
        .doTest();
  }
}

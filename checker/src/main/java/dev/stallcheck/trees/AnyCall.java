package dev.stallcheck.trees;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether some call in a region of code passes a test: the scan the recognisers share ("does a
 * {@code finally} release this lock", "does this method touch a lock", "is an element added after
 * this acquire"). Calls are invocations and {@code new}s. Nested class bodies are code of another
 * member and are not entered; lambda bodies are entered only on request.
 */
public final class AnyCall {
  private AnyCall() {}

  /** True if a call in {@code region} (null: none) passes {@code test}. */
  public static boolean in(Tree region, boolean intoLambdas, Predicate<ExpressionTree> test) {
    return scan(region, intoLambdas, /* intoCatches= */ true, test);
  }

  /**
   * The calls in {@code region} (null: none), each before those in its receiver and arguments:
   * those the scan of {@link #in} tests, in the order it tests them.
   */
  public static List<ExpressionTree> listIn(@Nullable Tree region, boolean intoLambdas) {
    List<ExpressionTree> calls = new ArrayList<>();
    scan(
        region,
        intoLambdas,
        /* intoCatches= */ true,
        call -> {
          calls.add(call);
          return false;
        });
    return calls;
  }

  /**
   * True if a call in {@code region} that runs on every path through it passes {@code test}: calls
   * in {@code catch} blocks (and lambdas) do not count.
   */
  public static boolean outsideCatches(Tree region, Predicate<ExpressionTree> test) {
    return scan(region, /* intoLambdas= */ false, /* intoCatches= */ false, test);
  }

  private static boolean scan(
      Tree region, boolean intoLambdas, boolean intoCatches, Predicate<ExpressionTree> test) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            return test.test(call) || Boolean.TRUE.equals(super.visitMethodInvocation(call, null));
          }

          @Override
          public Boolean visitNewClass(NewClassTree creation, Void unused) {
            return test.test(creation) || Boolean.TRUE.equals(super.visitNewClass(creation, null));
          }

          @Override
          public Boolean visitClass(ClassTree tree, Void unused) {
            return false;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
            return intoLambdas && Boolean.TRUE.equals(super.visitLambdaExpression(lambda, null));
          }

          @Override
          public Boolean visitCatch(CatchTree tree, Void unused) {
            return intoCatches && Boolean.TRUE.equals(super.visitCatch(tree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(region, null);
    return Boolean.TRUE.equals(found);
  }
}

package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Whether a wait for room is woken by a consumer: a {@code notify()}/{@code notifyAll()} on the
 * same monitor, or a {@code signal()}/{@code signalAll()} on the same condition, in another method
 * of the file than the one that waits, which does not itself wait for room on it (a capacity wait,
 * {@link CapacityWait}): a consumer, whose own waits are for content. A buffer's room is made by
 * whoever takes from it; when only producers wake the waiters (an overwriting ring buffer's slot,
 * where each producer waits for the previous lap's producer to finish, in every overload of its
 * update), producers wait for producers, with no consumer that could need the caller's lock.
 *
 * <p>The waited object is the receiver of the wait: {@code this} (or nothing) is matched with
 * wake-ups on {@code this} in the same class and on any expression of that class; a field with
 * wake-ups on the same field. A wait on anything else (a local, a call's result) counts as woken.
 */
final class WakeUps {
  private WakeUps() {}

  /**
   * Whether a method other than the one around {@code waitCall} wakes what it waits on, and is no
   * producer itself: it does not wait for room on that object too.
   */
  static boolean byAnotherMethod(TreePath waitCall, VisitorState state) {
    List<Waker> consumers = consumers(waitCall, state);
    return consumers == null || !consumers.isEmpty();
  }

  /**
   * A method or lambda (or, for an initializer, the file) that wakes the wait, and its wake-up
   * calls.
   */
  record Waker(TreePath code, List<TreePath> wakeUps) {}

  /**
   * The code that wakes what the wait at {@code waitCall} waits on, other than the waiting code and
   * the producers, in file order. Null when the waited object cannot be matched (a local, a call's
   * result): any code may wake it.
   */
  static @Nullable List<Waker> consumers(TreePath waitCall, VisitorState state) {
    if (!(waitCall.getLeaf() instanceof MethodInvocationTree wait)) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(wait);
    Symbol field = waitedField(waitCall);
    Symbol waitedClass = null;
    if (receiver == null || BareExpression.isThis(receiver)) {
      waitedClass = instanceClass(receiver, waitCall);
      if (waitedClass == null) {
        return null;
      }
    } else if (field == null) {
      return null;
    }
    Tree waitingCode = enclosingCode(waitCall).getLeaf();
    Symbol waitedField = field;
    Symbol waitedInstance = waitedClass;
    Map<Tree, Waker> wakers = new LinkedHashMap<>();
    Set<Tree> producers = new HashSet<>();
    new LazyPathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (wakes(call, getCurrentPath(), waitedField, waitedInstance)) {
          TreePath code = enclosingCode(getCurrentPath());
          if (isWakeUp(call)) {
            wakers
                .computeIfAbsent(code.getLeaf(), leaf -> new Waker(code, new ArrayList<>()))
                .wakeUps()
                .add(getCurrentPath());
          } else if (isWait(call) && CapacityWait.isCapacityWait(getCurrentPath(), state)) {
            producers.add(code.getLeaf());
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(new TreePath(waitCall.getCompilationUnit()), null);
    wakers.remove(waitingCode);
    producers.forEach(wakers::remove);
    return List.copyOf(wakers.values());
  }

  /**
   * The field the wait at {@code waitCall} waits on ({@code f.wait()}); null for any other wait.
   */
  static @Nullable VarSymbol waitedField(TreePath waitCall) {
    if (waitCall.getLeaf() instanceof MethodInvocationTree wait
        && ASTHelpers.getReceiver(wait) instanceof ExpressionTree receiver
        && !BareExpression.isThis(receiver)
        && ASTHelpers.getSymbol(receiver) instanceof VarSymbol variable
        && variable.getKind() == ElementKind.FIELD) {
      return variable;
    }
    return null;
  }

  /** A wait or await on the object {@link #wakes} matched (its receiver already checked). */
  private static boolean isWait(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    return method != null
        && (method.getSimpleName().contentEquals("wait")
            || method.getSimpleName().toString().startsWith("await"));
  }

  private static boolean isWakeUp(MethodInvocationTree call) {
    if (!call.getArguments().isEmpty() || ASTHelpers.getSymbol(call) == null) {
      return false;
    }
    String name = ASTHelpers.getSymbol(call).getSimpleName().toString();
    return name.equals("notify")
        || name.equals("notifyAll")
        || name.equals("signal")
        || name.equals("signalAll");
  }

  /** Whether {@code call} (at {@code path}) wakes the waited field, or an instance of the class. */
  private static boolean wakes(
      MethodInvocationTree call,
      TreePath path,
      @Nullable Symbol waitedField,
      @Nullable Symbol waitedClass) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (waitedField != null) {
      return receiver != null && waitedField.equals(ASTHelpers.getSymbol(receiver));
    }
    return waitedClass != null && waitedClass.equals(instanceClass(receiver, path));
  }

  /**
   * The class of the object {@code receiver} names: for no receiver, the innermost class around
   * {@code path} (a call without receiver runs on its {@code this}); else the receiver's type.
   */
  private static @Nullable Symbol instanceClass(@Nullable ExpressionTree receiver, TreePath path) {
    if (receiver == null) {
      ClassTree enclosing = ASTHelpers.findEnclosingNode(path, ClassTree.class);
      return enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    }
    Type type = ASTHelpers.getType(receiver);
    return type == null ? null : type.tsym;
  }

  /** The method or lambda whose code {@code path} is in, or its file. */
  private static TreePath enclosingCode(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree
          || p.getLeaf() instanceof LambdaExpressionTree
          || p.getLeaf() instanceof CompilationUnitTree) {
        return p;
      }
    }
    return new TreePath(path.getCompilationUnit());
  }
}

package dev.stallcheck.sends;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.trees.AnyCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A put into a bounded queue whose slots the code hands out by count: a cache of at most {@code K}
 * open items (files, connections) kept in a queue of capacity {@code K}, where a thread makes a new
 * item only after it has counted it in an atomic counter checked against {@code K}, and puts back
 * an item it has just taken out. Every element in the queue is counted, so no put finds it full,
 * and none is a send.
 *
 * <p>A {@code put} (or {@code putFirst}/{@code putLast}) {@code F.put(v)} has a counted slot when
 * all of these hold:
 *
 * <ul>
 *   <li>{@code F} is a private instance field, created only as a bounded queue of capacity {@code
 *       K}, that does not escape and that its owner does not fill while it is set up ({@link
 *       FreeListUses});
 *   <li>every element added to {@code F} after set-up (by any adding method) either is put back or
 *       is admitted:
 *       <ul>
 *         <li>put back: {@code v} is a local variable whose one value is an element taken from
 *             {@code F} ({@code take()}, {@code poll()}, {@code remove()} and their variants);
 *         <li>admitted: before the call, its method reserves a slot of an atomic counter field
 *             {@code C}: it compares with {@code K} ({@code <}, {@code <=}, {@code >}, {@code >=})
 *             a count that the same call counts up ({@code C.incrementAndGet()}, {@code
 *             C.getAndIncrement()}), or it compares {@code C.get()} with {@code K} and counts up
 *             with {@code C.compareAndSet(..)}; each read directly or through a local whose one
 *             value it is. A check of {@code C.get()} followed by a plain increment is no
 *             reservation: two threads can pass the same check. {@code K} is the same {@code int}
 *             constant or final field as the queue's capacity, or a final field its constructor
 *             sets to the parameter it gives the queue as its capacity.
 *       </ul>
 * </ul>
 *
 * <p>The rule trusts the count: that the code takes a slot back from {@code C} when an item leaves
 * for good. A count that leaks only makes the cache refuse new items; one that is given back twice
 * lets a put wait, a bug of its own.
 */
final class CountedSlots {
  private static final Context.Key<Map<VarSymbol, Boolean>> COUNTED = new Context.Key<>();

  /** Calls that count one more and return the count, before or after: a check of it reserves. */
  private static final ImmutableSet<String> COUNTS_UP =
      ImmutableSet.of("incrementAndGet", "getAndIncrement");

  /** Calls that count one more only if the count is still the one the code compared. */
  private static final ImmutableSet<String> COMPARES_AND_SETS =
      ImmutableSet.of(
          "compareAndSet",
          "weakCompareAndSet",
          "weakCompareAndSetPlain",
          "weakCompareAndSetVolatile");

  /** A read of an atomic counter field; {@code countsUp} if the same call counts one more. */
  private record CounterRead(Symbol counter, boolean countsUp) {}

  private CountedSlots() {}

  /** Whether the {@code put} at {@code send} puts into a queue whose every slot is counted. */
  static boolean hasCountedSlot(TreePath send, VisitorState state) {
    if (!(send.getLeaf() instanceof MethodInvocationTree call)
        || !(FreeListReturns.receiverField(call) instanceof VarSymbol queue)) {
      return false;
    }
    ProgramFlow program = ValueFlow.instance(state.context).program();
    return PerCompilation.instance(state.context, COUNTED, HashMap::new)
        .computeIfAbsent(queue, q -> everyAdditionCounted(q, program, state));
  }

  private static boolean everyAdditionCounted(
      VarSymbol queue, ProgramFlow program, VisitorState state) {
    FreeListUses uses = FreeListUses.of(queue, state);
    if (uses == null || uses.prefilled()) {
      return false;
    }
    for (TreePath addition : uses.additions()) {
      MethodInvocationTree call = (MethodInvocationTree) addition.getLeaf();
      if (call.getArguments().size() != 1
          || !(isPutBack(call.getArguments().get(0), queue, program)
              || isAdmitted(addition, uses.capacities(), program))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code element} is a local whose one value is an element taken from {@code queue}. */
  private static boolean isPutBack(ExpressionTree element, VarSymbol queue, ProgramFlow program) {
    ExpressionTree value =
        ASTHelpers.stripParentheses(element) instanceof IdentifierTree
                && ASTHelpers.getSymbol(element) instanceof VarSymbol local
            ? program.onlyAssignedValueOf(local)
            : null;
    return value != null
        && ASTHelpers.stripParentheses(value) instanceof MethodInvocationTree take
        && FreeListReturns.isTakeCall(take, queue);
  }

  /**
   * Whether, before the addition at {@code addition}, its method reserves a slot: it compares with
   * the capacity a counter's value that the same call counts up ({@code C.incrementAndGet() <= K}),
   * or compares a read of the counter and counts up with a compare-and-set on it.
   */
  private static boolean isAdmitted(
      TreePath addition, ImmutableSet<Object> capacities, ProgramFlow program) {
    MethodTree method = ASTHelpers.findEnclosingNode(addition, MethodTree.class);
    if (method == null || method.getBody() == null) {
      return false;
    }
    int before = ASTHelpers.getStartPosition(addition.getLeaf());
    List<CounterRead> compared = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBinary(BinaryTree tree, Void unused) {
        if (ASTHelpers.getStartPosition(tree) < before) {
          CounterRead read = counterComparedWith(tree, capacities, program);
          if (read != null) {
            compared.add(read);
          }
        }
        return super.visitBinary(tree, null);
      }
    }.scan(method.getBody(), null);
    if (compared.stream().anyMatch(CounterRead::countsUp)) {
      return true;
    }
    return !compared.isEmpty()
        && AnyCall.in(
            method.getBody(),
            /* intoLambdas= */ false,
            candidate ->
                candidate instanceof MethodInvocationTree count
                    && ASTHelpers.getStartPosition(count) < before
                    && ASTHelpers.getSymbol(count) instanceof MethodSymbol counting
                    && COMPARES_AND_SETS.contains(counting.getSimpleName().toString())
                    && compared.stream().anyMatch(read -> read.counter() == counterOf(count)));
  }

  /**
   * The read of an atomic counter field an ordering comparison makes on one side, when the other
   * side is the capacity; else null.
   */
  private static @Nullable CounterRead counterComparedWith(
      BinaryTree comparison, ImmutableSet<Object> capacities, ProgramFlow program) {
    switch (comparison.getKind()) {
      case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL -> {}
      default -> {
        return null;
      }
    }
    ExpressionTree left = ASTHelpers.stripParentheses(comparison.getLeftOperand());
    ExpressionTree right = ASTHelpers.stripParentheses(comparison.getRightOperand());
    if (isCapacity(right, capacities)) {
      return counterRead(left, program);
    }
    return isCapacity(left, capacities) ? counterRead(right, program) : null;
  }

  private static boolean isCapacity(ExpressionTree bound, ImmutableSet<Object> capacities) {
    return FreeListUses.capacityOf(bound, null).stream().anyMatch(capacities::contains);
  }

  /**
   * The counter read {@code value} is: {@code C.get()}, {@code C.incrementAndGet()} or {@code
   * C.getAndIncrement()}, or a local whose one value is one of these; else null.
   */
  private static @Nullable CounterRead counterRead(ExpressionTree value, ProgramFlow program) {
    ExpressionTree read = value;
    if (read instanceof IdentifierTree && ASTHelpers.getSymbol(read) instanceof VarSymbol local) {
      ExpressionTree only = program.onlyValueOf(local);
      read = only == null ? null : ASTHelpers.stripParentheses(only);
    }
    if (!(read instanceof MethodInvocationTree call)
        || !call.getArguments().isEmpty()
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return null;
    }
    String name = method.getSimpleName().toString();
    Symbol counter = counterOf(call);
    return counter == null || !(name.equals("get") || COUNTS_UP.contains(name))
        ? null
        : new CounterRead(counter, COUNTS_UP.contains(name));
  }

  /** The field a call on an {@code java.util.concurrent.atomic} counter is made on; else null. */
  private static @Nullable Symbol counterOf(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver != null
            && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && method
                .owner
                .getQualifiedName()
                .toString()
                .startsWith("java.util.concurrent.atomic.Atomic")
            && ASTHelpers.getSymbol(receiver) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
        ? field
        : null;
  }
}

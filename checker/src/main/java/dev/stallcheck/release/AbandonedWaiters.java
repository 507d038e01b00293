package dev.stallcheck.release;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.lang.model.element.ElementKind;

/**
 * The abandoned waiter: a method registers a waiter (a future or callback held in a local variable)
 * with a hand-off channel that another thread serves with a {@link WaiterChannels.Grant grant},
 * waits for it with a timeout, and on the timeout path leaves the method without withdrawing it: no
 * call on the waiter ({@code whenComplete}, ...), none that passes it on ({@code
 * waiters.remove(w)}), and none on the channel. What the serving thread grants later reaches a
 * waiter nobody reads, and it is never given back.
 *
 * <p>Cancelling or completing the waiter ({@code future.cancel(false)}) does not withdraw it: it
 * stays in the channel, and the grant, which ignores whether its delivery took, still takes a
 * resource for it. It does when the grant asks each waiter whether it is still wanted ({@link
 * WaiterChannels.Grant#asksWaiterState}).
 */
final class AbandonedWaiters {
  /** Calls that settle a future: a grant delivered to it afterwards does not take. */
  private static final Matcher<ExpressionTree> SETTLES =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.Future").named("cancel"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletableFuture")
              .namedAnyOf("complete", "completeExceptionally", "obtrudeValue", "obtrudeException"));

  private final WaiterChannels channels;

  AbandonedWaiters(WaiterChannels channels) {
    this.channels = channels;
  }

  /**
   * The findings for the timed waits {@code timedWaits} of one method, whose own calls are {@code
   * calls}; {@code paths} builds the timeout paths of the method when first needed.
   */
  ImmutableList<Finding> findings(
      List<MethodInvocationTree> timedWaits,
      DirectCalls calls,
      Waits waits,
      Supplier<Optional<TimeoutPaths>> paths,
      VisitorState state) {
    ImmutableList.Builder<Finding> out = ImmutableList.builder();
    for (MethodInvocationTree wait : timedWaits) {
      Symbol waiter =
          waits
              .waitedOn(wait)
              .flatMap(ReferencePaths::soleSymbolOf)
              .filter(root -> root.getKind() == ElementKind.LOCAL_VARIABLE)
              .orElse(null);
      if (waiter == null) {
        continue;
      }
      for (Symbol field : registrations(waiter, calls)) {
        Optional<WaiterChannels.Grant> grant = channels.grantFrom(field);
        if (grant.isEmpty() || !channels.receives(waiter.type, grant.get())) {
          continue;
        }
        Optional<TimeoutPaths> timeoutPaths = paths.get();
        if (timeoutPaths.isEmpty()) {
          return ImmutableList.of();
        }
        TimeoutPaths.Result result =
            timeoutPaths.get().after(wait, waits.kindOf(wait).orElseThrow());
        if (result.escapes()
            && result.reached().stream()
                .noneMatch(call -> withdraws(call, waiter, field, grant.get(), state))) {
          out.add(
              Finding.abandonedWaiter(
                  wait, field, grant.get(), state.getPath().getCompilationUnit()));
          break;
        }
      }
    }
    return out.build();
  }

  /** The channel fields the method's own calls register {@code waiter} with. */
  private Set<Symbol> registrations(Symbol waiter, DirectCalls calls) {
    Set<Symbol> fields = new LinkedHashSet<>();
    for (TreePath path : calls.calls()) {
      MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
      fields.addAll(channels.registrationsOfArgument(call, waiter));
      if (assigns(path, waiter)) {
        fields.addAll(channels.registrationsOfValue(call));
      }
    }
    return fields;
  }

  /** Whether the call at {@code path} is the value stored into {@code variable}. */
  private static boolean assigns(TreePath path, Symbol variable) {
    Tree parent = path.getParentPath().getLeaf();
    while (parent instanceof ExpressionTree e && BareExpression.of(e) != e) {
      path = path.getParentPath();
      parent = path.getParentPath().getLeaf();
    }
    return parent instanceof VariableTree declared
            && variable.equals(ASTHelpers.getSymbol(declared))
        || parent instanceof AssignmentTree assignment
            && variable.equals(ASTHelpers.getSymbol(assignment.getVariable()));
  }

  /**
   * Whether {@code call} may withdraw the waiter: it is made on it or the channel, or is given it;
   * but settling the waiter does not, unless {@code grant} asks waiters whether they are wanted.
   */
  private static boolean withdraws(
      MethodInvocationTree call,
      Symbol waiter,
      Symbol field,
      WaiterChannels.Grant grant,
      VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Optional<Symbol> root = receiver == null ? Optional.empty() : ReferencePaths.rootOf(receiver);
    if (root.filter(waiter::equals).isPresent()) {
      return grant.asksWaiterState() || !SETTLES.matches(call, state);
    }
    if (root.filter(field::equals).isPresent()) {
      return true;
    }
    return call.getArguments().stream()
        .map(ReferencePaths::rootOf)
        .anyMatch(argument -> argument.filter(waiter::equals).isPresent());
  }
}

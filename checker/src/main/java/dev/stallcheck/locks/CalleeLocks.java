package dev.stallcheck.locks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.paths.AccessPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LockEffect} of one call, seen from the caller: the callee's locks named as the caller
 * reaches them. A lock on the callee's {@code this} becomes one on the call's receiver ({@code
 * guard.enter()} takes {@code guard.lock}); one on a parameter becomes one on the argument ({@code
 * inLock(rw.writeLock(), action)} holds the write half of {@code rw}); one on a static field stays.
 * Locks on the callee's own locals mean nothing to the caller and are dropped. The locks are
 * reported at the call, with the method that took them ({@link HeldLock.Acquisition#CALLEE}).
 */
final class CalleeLocks {
  private static final CalleeLocks NONE = new CalleeLocks(LockEffect.NONE, null);

  private final LockEffect effect;
  private final @Nullable Translation translation;

  /**
   * {@link #acquires} and {@link #releases}, translated on first use: a question about a callback
   * needs neither, and a helper in a recursive structure can release many locks on longer and
   * longer paths.
   */
  private @Nullable HeldLocks acquires;

  private @Nullable ImmutableSet<HeldLock.Key> releases;

  private CalleeLocks(LockEffect effect, @Nullable Translation translation) {
    this.effect = effect;
    this.translation = translation;
  }

  /**
   * The effect of {@code call} (an invocation or a {@code new}) made in the body at {@code where};
   * {@code state} is the caller's.
   */
  static CalleeLocks at(ExpressionTree call, TreePath where, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return NONE;
    }
    LockEffect effect = LockEffects.of(method, state);
    if (effect.isNone()) {
      return NONE;
    }
    return new CalleeLocks(effect, new Translation(call, method, where, state.withPath(where)));
  }

  /** The locks the call returns holding, in the caller's terms. */
  HeldLocks acquires() {
    if (translation == null) {
      return HeldLocks.none();
    }
    if (acquires == null) {
      List<HeldLock> acquired = new ArrayList<>();
      for (HeldLock lock : effect.acquires()) {
        HeldLock seen = translation.lock(lock);
        if (seen != null) {
          acquired.add(seen);
        }
      }
      acquires = HeldLocks.of(acquired);
    }
    return acquires;
  }

  /** The caller's locks the call releases. */
  ImmutableSet<HeldLock.Key> releases() {
    if (translation == null) {
      return ImmutableSet.of();
    }
    if (releases == null) {
      ImmutableSet.Builder<HeldLock.Key> released = ImmutableSet.builder();
      for (HeldLock.Key key : effect.releases()) {
        HeldLock seen =
            translation.lock(
                new HeldLock(key.path(), key.kind(), "", 0, 0, HeldLock.Acquisition.CALL));
        if (seen != null) {
          released.add(seen.key());
        }
      }
      releases = released.build();
    }
    return releases;
  }

  /** True if the callee releases a lock it did not take, whether or not the caller can name it. */
  boolean releasesAny() {
    return !effect.releases().isEmpty();
  }

  /**
   * The locks the callee holds while it runs the callback passed as argument {@code index}, in the
   * caller's terms; null if it does not run that argument before returning.
   */
  @Nullable HeldLocks whileArgumentRuns(int index) {
    if (translation == null) {
      return null;
    }
    HeldLocks inCallee =
        LockEffects.of(translation.method, translation.state).runsArgument().get(index);
    if (inCallee == null) {
      return null;
    }
    List<HeldLock> seen = new ArrayList<>();
    for (HeldLock lock : inCallee) {
      HeldLock translated = translation.lock(lock);
      if (translated != null) {
        seen.add(translated);
      }
    }
    return HeldLocks.of(seen);
  }

  /**
   * True if, when the callback passed as argument {@code index} throws, the callee leaves a lock it
   * holds meanwhile still held.
   */
  boolean keepsLocksIfArgumentThrows(int index) {
    return translation != null
        && LockEffects.of(translation.method, translation.state)
            .keepsLocksIfArgumentThrows()
            .contains(index);
  }

  /** Renames the callee's locks for one call. */
  private static final class Translation {
    private final ExpressionTree call;
    private final MethodSymbol method;
    private final TreePath where;
    private final VisitorState state;
    private final @Nullable ClassSymbol context;
    private final ImmutableList<? extends ExpressionTree> arguments;
    private final int line;
    private final int position;

    Translation(ExpressionTree call, MethodSymbol method, TreePath where, VisitorState state) {
      this.call = call;
      this.method = method;
      this.where = where;
      this.state = state;
      this.context = LockExpressions.enclosingClass(where);
      this.arguments =
          ImmutableList.copyOf(
              call instanceof MethodInvocationTree invocation
                  ? invocation.getArguments()
                  : ((NewClassTree) call).getArguments());
      this.position = ASTHelpers.getStartPosition(call);
      this.line = (int) where.getCompilationUnit().getLineMap().getLineNumber(position);
    }

    @Nullable HeldLock lock(HeldLock lock) {
      AccessPath path = lock.path();
      LockKind kind = lock.kind();
      String source;
      AccessPath seen;
      switch (path.root()) {
        case THIS -> {
          Receiver receiver = receiver();
          seen = path.seenFrom(receiver.path(), List.of());
          source = renamed(lock.source(), "this", receiver.text());
        }
        case CLASS, STATIC_FIELD -> {
          seen = path;
          source = lock.source();
        }
        case PARAMETER -> {
          int index = path.parameterIndex();
          if (!method.getParameters().contains(path.rootSymbol())
              || index >= arguments.size()
              || (method.isVarArgs() && index == method.getParameters().size() - 1)) {
            return null;
          }
          ExpressionTree argument = arguments.get(index);
          LockExpressions.Target target = LockExpressions.target(argument, context, where, state);
          // Only this parameter's argument is read: the others stay unnamed.
          List<@Nullable AccessPath> argumentPaths =
              new ArrayList<>(Collections.nCopies(index, null));
          argumentPaths.add(target.path());
          seen = path.seenFrom(null, argumentPaths);
          if (kind == LockKind.LOCK && path.members().isEmpty() && target.view() != null) {
            kind = target.view();
          }
          source =
              renamed(
                  lock.source(),
                  path.rootSymbol().getSimpleName().toString(),
                  LockExpressions.sourceText(argument, state));
        }
        default -> {
          return null;
        }
      }
      boolean implicit = lock.acquisition() == HeldLock.Acquisition.IMPLICIT;
      return new HeldLock(
          seen,
          kind,
          source,
          line,
          position,
          implicit ? HeldLock.Acquisition.IMPLICIT : HeldLock.Acquisition.CALLEE,
          implicit ? lock.via() : calleeName());
    }

    /** The object the callee's {@code this} is, and how the caller writes it (null: implicit). */
    private Receiver receiver() {
      if (call instanceof NewClassTree creation) {
        String text = LockExpressions.sourceText(creation, state);
        return new Receiver(AccessPath.unknown(text), text);
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      if (receiver == null) {
        return new Receiver(LockExpressions.implicitThis(method, context, state), null);
      }
      return new Receiver(
          LockExpressions.target(receiver, context, where, state).path(),
          LockExpressions.sourceText(receiver, state));
    }

    private String calleeName() {
      return method.isConstructor()
          ? "new " + method.owner.getSimpleName() + "(...)"
          : method.getSimpleName() + "()";
    }

    /**
     * The callee's text for a lock with its root {@code from} written as the caller writes it:
     * {@code this.lock} called on {@code guard} is {@code guard.lock}.
     */
    private static String renamed(String source, String from, @Nullable String to) {
      if (to == null) {
        return source;
      }
      if (source.equals(from)) {
        return to;
      }
      if (source.startsWith(from + ".")) {
        return to + source.substring(from.length());
      }
      return from.equals("this") ? to + "." + source : source;
    }

    private record Receiver(AccessPath path, @Nullable String text) {}
  }
}

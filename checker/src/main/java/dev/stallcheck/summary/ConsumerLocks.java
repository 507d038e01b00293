package dev.stallcheck.summary;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.locks.TakenLocks;
import dev.stallcheck.locks.WaitedMonitor;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.summary.WakeUps.Waker;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The locks the consumers of a capacity wait may take. A producer that waits for room while holding
 * a lock stalls the threads that need that lock; for a wait the compilation writes itself (unlike a
 * {@code BlockingQueue}'s put, whose takers are anyone's) the code that makes room is in view. When
 * that code may need the held lock the wait is a nested-monitor lockout: the consumer blocks on the
 * lock, the buffer never drains, and the producer waits forever. When it takes none of them, the
 * wait is the buffer's back-pressure, and ends when the consumer catches up.
 *
 * <p>The consumers are the code that wakes the wait ({@link WakeUps#consumers}) and the methods
 * that call it, kept to those that may make room ({@link RoomMaking}). When one of them is a
 * thread's own loop (a drainer: a {@code run()} that loops over the wake-up or over a call of the
 * waker), the room is made by that thread, and what the others take does not matter: a shutdown's
 * {@code clear()} or a flush on the caller's thread only adds to the room the drainer makes. What
 * consumers take is read through the calls they make, a few levels down ({@link TakenLocks}),
 * except the waited monitor itself, taken where the code names it through its own {@code this}. A
 * wait whose waker cannot be told may meet any lock.
 */
final class ConsumerLocks {
  private ConsumerLocks() {}

  private static final Supplier<Type> RUNNABLE =
      VisitorState.memoize(state -> state.getTypeFromString("java.lang.Runnable"));

  /**
   * One consumer: its code, whether its {@code this} is the waited object, and whether it drains.
   */
  private record Consumer(TreePath code, boolean ownsWaited, boolean drains) {}

  /** What the consumers of the capacity wait at {@code waitCall} may take. */
  static TakenLocks of(TreePath waitCall, VisitorState state, BlockingSummaries summaries) {
    List<Waker> wakers = WakeUps.consumers(waitCall, state);
    if (wakers == null) {
      return TakenLocks.any();
    }
    VarSymbol waitedField = WakeUps.waitedField(waitCall);
    RoomMaking room = RoomMaking.of(waitCall, wakers, state, summaries);
    List<Consumer> consumers =
        room == null ? List.of() : consumers(wakers, room, waitedField, state, summaries);
    if (consumers.isEmpty()) {
      // No waker or caller of one changes what the wait tests: the room is made out of sight of
      // the wake-ups, so any of them may be the consumer.
      consumers = consumers(wakers, null, waitedField, state, summaries);
    }
    List<Consumer> drainers = consumers.stream().filter(Consumer::drains).toList();
    List<Consumer> read = drainers.isEmpty() ? consumers : drainers;
    Set<Tree> ownBodies = new HashSet<>();
    List<TreePath> code = new ArrayList<>();
    for (Consumer consumer : read) {
      code.add(consumer.code());
      if (consumer.ownsWaited()) {
        ownBodies.add(consumer.code().getLeaf());
      }
    }
    return TakenLocks.within(code, new WaitedMonitor(waitedField, ownBodies), state);
  }

  /**
   * The wakers that may make room, with their callers, and the callers of the others that make room
   * themselves; every waker and caller when {@code room} is null.
   */
  private static List<Consumer> consumers(
      List<Waker> wakers,
      @Nullable RoomMaking room,
      @Nullable VarSymbol waitedField,
      VisitorState state,
      BlockingSummaries summaries) {
    CompilationIndex index = CompilationIndex.instance(state.context);
    List<Consumer> consumers = new ArrayList<>();
    for (Waker waker : wakers) {
      boolean makesRoom = room == null || room.makesRoom(waker);
      if (!(waker.code().getLeaf() instanceof MethodTree method
          && ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol)) {
        if (makesRoom) {
          consumers.add(new Consumer(waker.code(), false, false));
        }
        continue;
      }
      List<MethodSymbol> named =
          new ArrayList<>(ASTHelpers.findSuperMethods(symbol, state.getTypes()));
      named.add(symbol);
      List<Symbol> callers = new ArrayList<>();
      for (MethodSymbol callee : named) {
        callers.addAll(summaries.bodiesCalling(callee));
      }
      List<Consumer> callerConsumers = new ArrayList<>();
      boolean calledOnlyByThreads = !callers.isEmpty();
      for (Symbol caller : callers) {
        // A caller of a waker that makes no room counts only when it makes room itself; whether
        // every caller is a thread's run() matters only for a waker that makes room.
        if (!makesRoom && !room.makesRoom(caller)) {
          continue;
        }
        TreePath body = index.declaration(caller);
        boolean threadEntry = isThreadEntry(caller, state);
        if (body == null) {
          calledOnlyByThreads = false;
          callerConsumers.add(
              new Consumer(new TreePath(waker.code().getCompilationUnit()), false, false));
          continue;
        }
        CallsOfWaker calls = CallsOfWaker.in(body, named, symbol, state.getTypes());
        if (calls.anyDirect() && !threadEntry) {
          calledOnlyByThreads = false;
        }
        callerConsumers.add(
            new Consumer(
                body,
                calls.allOnOwnThis(),
                room != null && makesRoom && calls.anyInLoop() && threadEntry));
      }
      if (makesRoom) {
        boolean loops = waker.wakeUps().stream().anyMatch(ConsumerLocks::inLoop);
        boolean threadLoop =
            room != null && loops && (isThreadEntry(symbol, state) || calledOnlyByThreads);
        consumers.add(
            new Consumer(waker.code(), namesWaitedOnThis(waker, waitedField, state), threadLoop));
      }
      consumers.addAll(callerConsumers);
    }
    return consumers;
  }

  /**
   * Whether every wake-up of {@code waker} names the waited object through the waker's own {@code
   * this}: {@code notify()}, or {@code f.notify()} for the waited field of its own class.
   */
  private static boolean namesWaitedOnThis(
      Waker waker, @Nullable VarSymbol waitedField, VisitorState state) {
    ClassTree owner = ASTHelpers.findEnclosingNode(waker.code(), ClassTree.class);
    ClassSymbol self = owner == null ? null : ASTHelpers.getSymbol(owner);
    if (self == null) {
      return false;
    }
    for (TreePath wakeUp : waker.wakeUps()) {
      ExpressionTree receiver = ASTHelpers.getReceiver((MethodInvocationTree) wakeUp.getLeaf());
      boolean own =
          waitedField == null
              ? receiver == null || BareExpression.isPlainThis(receiver)
              : receiver != null
                  && BareExpression.isOwnMember(receiver)
                  && waitedField.equals(ASTHelpers.getSymbol(receiver))
                  && self.isSubClass(waitedField.owner, state.getTypes());
      if (!own) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code body} is a thread's entry: a {@code Runnable}'s (or a thread's) {@code run()}.
   */
  private static boolean isThreadEntry(Symbol body, VisitorState state) {
    return body instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("run")
        && method.getParameters().isEmpty()
        && !method.isStatic()
        && ASTHelpers.isSubtype(method.owner.type, RUNNABLE.get(state), state);
  }

  /** Whether {@code path} is in a loop of its method (not in a lambda or class inside it). */
  private static boolean inLoop(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      switch (p.getLeaf().getKind()) {
        case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> {
          return true;
        }
        case METHOD, LAMBDA_EXPRESSION, CLASS, ENUM, RECORD -> {
          return false;
        }
        default -> {}
      }
    }
    return false;
  }

  /**
   * How a caller's body calls a waker: whether every call is on its own {@code this}, whether one
   * is in a loop, and whether one is its own rather than a nested class's (whose method is a caller
   * of its own).
   */
  private record CallsOfWaker(boolean allOnOwnThis, boolean anyInLoop, boolean anyDirect) {
    static CallsOfWaker in(
        TreePath body, List<MethodSymbol> named, MethodSymbol waker, Types types) {
      ClassTree owner = ASTHelpers.findEnclosingNode(body, ClassTree.class);
      ClassSymbol self = owner == null ? null : ASTHelpers.getSymbol(owner);
      boolean[] own = {self != null};
      boolean[] loop = {false};
      boolean[] direct = {false};
      new LazyPathScanner<Void, Void>() {
        private int nestedClasses;

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          nestedClasses++;
          try {
            return super.visitClass(tree, null);
          } finally {
            nestedClasses--;
          }
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (named.contains(ASTHelpers.getSymbol(call)) && nestedClasses == 0) {
            ExpressionTree receiver = ASTHelpers.getReceiver(call);
            own[0] &=
                (receiver == null || BareExpression.isPlainThis(receiver))
                    && self != null
                    && self.isSubClass(waker.owner, types);
            loop[0] |= inLoop(getCurrentPath());
            direct[0] = true;
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
      return new CallsOfWaker(own[0] && direct[0], loop[0], direct[0]);
    }
  }
}

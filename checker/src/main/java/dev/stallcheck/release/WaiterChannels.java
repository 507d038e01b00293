package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.ReferencePaths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Hand-off channels: fields through which a waiter (a future or callback) reaches another thread
 * that later grants it a resource. A <em>grant</em> is code that takes a waiter out of a field
 * ({@code queue.take()}, {@code waiters.pollFirst()}), acquires something (an acquire of the
 * vocabulary, in the method or a helper at any depth, or a decrement of a counter field such as
 * {@code permits -= 1}) and delivers to the waiter with a call whose result it ignores ({@code
 * waiter.complete(null)}, {@code request.callBack.run(response)}): nobody on the granting side
 * notices a waiter that was given up on. A <em>registration</em> is code that puts a waiter into
 * such a field: {@code queue.put(new Request(.., future))}, a waiter returned by {@code
 * waiters.add()}, or a helper (at any depth) that does either with its parameter or result.
 *
 * <p>Memoized for the whole compilation: the grants of a class and its nested classes are found in
 * one walk; each method's registrations are computed once.
 */
final class WaiterChannels {
  private static final Context.Key<Map<AcquireReleasePairs, WaiterChannels>> KEY =
      new Context.Key<>();

  /** The calls that take an element out of a collection or queue. */
  private static final ImmutableSet<String> TAKE_NAMES =
      ImmutableSet.of(
          "take", "poll", "pollFirst", "pollLast", "remove", "removeFirst", "removeLast", "pop");

  /** The calls that put an element into a collection or queue. */
  private static final ImmutableSet<String> PUT_NAMES =
      ImmutableSet.of(
          "put", "add", "offer", "addLast", "addFirst", "offerLast", "offerFirst", "push");

  /** The atomic calls that take from a counter. */
  private static final ImmutableSet<String> DECREMENT_NAMES =
      ImmutableSet.of("decrementAndGet", "getAndDecrement");

  /**
   * Code that hands a resource to a waiter taken out of a field.
   *
   * @param granter the method that takes the waiter and delivers
   * @param delivery the call that delivers to the waiter
   * @param waiterType the type the delivery is called on: a waiter of that type can receive it
   * @param acquired what the granting side takes before delivering, as code
   * @param unit where {@code delivery} is
   * @param asksWaiterState whether the granter asks a waiter it took out whether it is still wanted
   *     ({@code waiter.isDone()}, {@code isCancelled()}: a call on it with no argument that answers
   *     yes or no), so that it may skip one the waiting side cancelled or completed
   */
  record Grant(
      MethodSymbol granter,
      MethodInvocationTree delivery,
      Type waiterType,
      String acquired,
      CompilationUnitTree unit,
      boolean asksWaiterState) {}

  private final AcquireSummaries summaries;
  private final CompilationIndex index;
  private final HelperTargets targets;
  private final Types types;
  private final Map<ClassSymbol, ImmutableMap<Symbol, Grant>> grantsByClass = new HashMap<>();
  private final Map<MethodSymbol, ImmutableSet<Symbol>> returnedRegistrations = new HashMap<>();
  private final Map<MethodSymbol, ImmutableList<ImmutableSet<Symbol>>> parameterRegistrations =
      new HashMap<>();

  private WaiterChannels(
      AcquireSummaries summaries, CompilationIndex index, HelperTargets targets, Types types) {
    this.summaries = summaries;
    this.index = index;
    this.targets = targets;
    this.types = types;
  }

  /** The channels of the compilation {@code state} belongs to, for one vocabulary. */
  static WaiterChannels instance(VisitorState state, AcquireReleasePairs pairs) {
    Context context = state.context;
    return PerCompilation.instance(
        context,
        KEY,
        pairs,
        unused ->
            new WaiterChannels(
                AcquireSummaries.instance(state, pairs),
                CompilationIndex.instance(context),
                HelperTargets.instance(context),
                Types.instance(context)));
  }

  /** The grant served from {@code field}, if some code of its outermost class grants from it. */
  Optional<Grant> grantFrom(Symbol field) {
    ClassSymbol outermost = ASTHelpers.outermostClass(field);
    if (outermost == null) {
      return Optional.empty();
    }
    ImmutableMap<Symbol, Grant> grants = grantsByClass.get(outermost);
    if (grants == null) {
      grants = findGrants(outermost);
      grantsByClass.put(outermost, grants);
    }
    return Optional.ofNullable(grants.get(field));
  }

  /** Whether a waiter of type {@code waiter} can receive what {@code grant} delivers. */
  boolean receives(Type waiter, Grant grant) {
    return waiter != null
        && types.isSubtype(types.erasure(waiter), types.erasure(grant.waiterType()));
  }

  private ImmutableMap<Symbol, Grant> findGrants(ClassSymbol outermost) {
    TreePath path = index.declaration(outermost);
    if (path == null) {
      return ImmutableMap.of();
    }
    Map<Symbol, Grant> grants = new HashMap<>();
    path.getLeaf()
        .accept(
            new TreeScanner<Void, Void>() {
              @Override
              public Void visitMethod(MethodTree tree, Void unused) {
                MethodSymbol method = ASTHelpers.getSymbol(tree);
                if (tree.getBody() != null && method != null) {
                  grantsIn(tree, method, path.getCompilationUnit(), grants);
                }
                return super.visitMethod(tree, null);
              }
            },
            null);
    return ImmutableMap.copyOf(grants);
  }

  /** Adds the grants {@code method}'s own code makes, keyed by the field it takes waiters from. */
  private void grantsIn(
      MethodTree tree, MethodSymbol method, CompilationUnitTree unit, Map<Symbol, Grant> grants) {
    Map<Symbol, Symbol> takenFrom = new HashMap<>();
    Map<Symbol, MethodInvocationTree> deliveries = new HashMap<>();
    Set<Symbol> stateAsked = new HashSet<>();
    String[] decrement = {null};
    tree.getBody()
        .accept(
            new TreeScanner<Void, Void>() {
              @Override
              public Void visitClass(ClassTree nested, Void unused) {
                return null; // Its methods are visited on their own.
              }

              @Override
              public Void visitVariable(VariableTree variable, Void unused) {
                Symbol field =
                    variable.getInitializer() == null
                        ? null
                        : takenField(variable.getInitializer());
                if (field != null) {
                  takenFrom.put(ASTHelpers.getSymbol(variable), field);
                }
                return super.visitVariable(variable, null);
              }

              @Override
              public Void visitAssignment(AssignmentTree assignment, Void unused) {
                Symbol field = takenField(assignment.getExpression());
                Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
                if (field != null && target != null && !target.getKind().isField()) {
                  takenFrom.put(target, field);
                }
                return super.visitAssignment(assignment, null);
              }

              @Override
              public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
                if (statement.getExpression() instanceof MethodInvocationTree call
                    && !call.getArguments().isEmpty()) {
                  ExpressionTree receiver = ASTHelpers.getReceiver(call);
                  Optional<Symbol> root =
                      receiver == null ? Optional.empty() : ReferencePaths.rootOf(receiver);
                  Symbol field = root.map(takenFrom::get).orElse(null);
                  if (field != null) {
                    deliveries.putIfAbsent(field, call);
                  }
                }
                return super.visitExpressionStatement(statement, null);
              }

              @Override
              public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Void unused) {
                if (assignment.getKind() == Tree.Kind.MINUS_ASSIGNMENT
                    && isField(assignment.getVariable())) {
                  decrement[0] = assignment.toString();
                }
                return super.visitCompoundAssignment(assignment, null);
              }

              @Override
              public Void visitUnary(UnaryTree unary, Void unused) {
                if ((unary.getKind() == Tree.Kind.PREFIX_DECREMENT
                        || unary.getKind() == Tree.Kind.POSTFIX_DECREMENT)
                    && isField(unary.getExpression())) {
                  decrement[0] = unary.toString();
                }
                return super.visitUnary(unary, null);
              }

              @Override
              public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                MethodSymbol called = ASTHelpers.getSymbol(call);
                ExpressionTree receiver = ASTHelpers.getReceiver(call);
                if (called == null || receiver == null) {
                  return super.visitMethodInvocation(call, null);
                }
                if (DECREMENT_NAMES.contains(called.getSimpleName().toString())
                    && isField(receiver)) {
                  decrement[0] = CodeText.call(call);
                }
                if (call.getArguments().isEmpty()
                    && called.getReturnType().getKind() == TypeKind.BOOLEAN) {
                  ReferencePaths.rootOf(receiver).map(takenFrom::get).ifPresent(stateAsked::add);
                }
                return super.visitMethodInvocation(call, null);
              }
            },
            null);
    if (deliveries.isEmpty()) {
      return;
    }
    String acquired = decrement[0];
    if (acquired == null) {
      // Any AutoCloseable a granter makes (a log scope, a stream) is no resource taken for a
      // waiter, nor is a count it keeps (of errors, of grants).
      Optional<Acquire> taken =
          summaries.ofMethod(method).acquires().stream()
              .filter(a -> a.kind() != Acquire.Kind.CLOSEABLE && a.kind() != Acquire.Kind.COUNTER)
              .findFirst();
      if (taken.isEmpty()) {
        return;
      }
      acquired = CodeText.acquire(taken.get().call());
    }
    for (Map.Entry<Symbol, MethodInvocationTree> delivery : deliveries.entrySet()) {
      Type waiterType = ASTHelpers.getType(ASTHelpers.getReceiver(delivery.getValue()));
      if (waiterType != null) {
        grants.putIfAbsent(
            delivery.getKey(),
            new Grant(
                method,
                delivery.getValue(),
                waiterType,
                acquired,
                unit,
                stateAsked.contains(delivery.getKey())));
      }
    }
  }

  /** The field {@code expression} takes an element out of ({@code queue.take()}), or null. */
  private static @Nullable Symbol takenField(ExpressionTree expression) {
    if (!(BareExpression.of(expression) instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || !TAKE_NAMES.contains(method.getSimpleName().toString())
        || method.getReturnType().isPrimitiveOrVoid()) {
      return null;
    }
    return fieldOf(ASTHelpers.getReceiver(call));
  }

  /** The field {@code receiver} names ({@code queue}, {@code this.queue}), or null. */
  static @Nullable Symbol fieldOf(@Nullable ExpressionTree receiver) {
    if (receiver == null) {
      return null;
    }
    return ReferencePaths.soleSymbolOf(receiver).filter(s -> s.getKind().isField()).orElse(null);
  }

  private static boolean isField(ExpressionTree tree) {
    return fieldOf(tree) != null;
  }

  /**
   * The fields into which {@code method} (or a helper it calls on its own object, at any depth)
   * registers the waiter it returns: {@code return waiters.add();}.
   */
  ImmutableSet<Symbol> returnedRegistrations(MethodSymbol method) {
    ImmutableSet<Symbol> known = returnedRegistrations.get(method);
    if (known != null) {
      return known;
    }
    returnedRegistrations.put(
        method, ImmutableSet.of()); // A recursive call registers nothing more.
    TreePath path = targets.body(method);
    Set<Symbol> fields = new HashSet<>();
    if (path != null) {
      ((MethodTree) path.getLeaf())
          .getBody()
          .accept(
              new OwnCodeScanner() {
                @Override
                public Void visitReturn(ReturnTree ret, Void unused) {
                  if (ret.getExpression() != null) {
                    fields.addAll(registrationsOfValue(ret.getExpression()));
                  }
                  return null;
                }
              },
              null);
    }
    ImmutableSet<Symbol> result = ImmutableSet.copyOf(fields);
    returnedRegistrations.put(method, result);
    return result;
  }

  /**
   * The fields a value is registered in when it is made: a call on a field that hands out a new
   * element of it ({@code waiters.add()}), or a helper on the same object that returns one.
   */
  ImmutableSet<Symbol> registrationsOfValue(ExpressionTree value) {
    if (!(BareExpression.of(value) instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || method.getReturnType().isPrimitiveOrVoid()) {
      return ImmutableSet.of();
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Symbol field = fieldOf(receiver);
    if (field != null && !TAKE_NAMES.contains(method.getSimpleName().toString())) {
      return ImmutableSet.of(field);
    }
    MethodSymbol target = onOwnObject(call) ? targets.target(call) : null;
    return target == null ? ImmutableSet.of() : returnedRegistrations(target);
  }

  /**
   * The fields into which {@code call} puts {@code waiter} (or an object made with it): {@code
   * queue.put(new Request(.., waiter))}, or a helper on the same object that does so with the
   * parameter it is passed, at any depth.
   */
  ImmutableSet<Symbol> registrationsOfArgument(MethodInvocationTree call, Symbol waiter) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return ImmutableSet.of();
    }
    Set<Symbol> fields = new HashSet<>();
    List<? extends ExpressionTree> arguments = call.getArguments();
    Symbol field = fieldOf(ASTHelpers.getReceiver(call));
    if (field != null
        && PUT_NAMES.contains(method.getSimpleName().toString())
        && arguments.stream().anyMatch(argument -> carries(argument, waiter))) {
      fields.add(field);
    }
    MethodSymbol target = onOwnObject(call) ? targets.target(call) : null;
    if (target != null && !target.isVarArgs()) {
      ImmutableList<ImmutableSet<Symbol>> byParameter = parameterRegistrations(target);
      for (int i = 0; i < arguments.size() && i < byParameter.size(); i++) {
        if (carries(arguments.get(i), waiter)) {
          fields.addAll(byParameter.get(i));
        }
      }
    }
    return ImmutableSet.copyOf(fields);
  }

  private ImmutableList<ImmutableSet<Symbol>> parameterRegistrations(MethodSymbol method) {
    ImmutableList<ImmutableSet<Symbol>> known = parameterRegistrations.get(method);
    if (known != null) {
      return known;
    }
    parameterRegistrations.put(
        method, ImmutableList.of()); // A recursive call registers nothing more.
    TreePath path = targets.body(method);
    ImmutableList.Builder<ImmutableSet<Symbol>> out = ImmutableList.builder();
    if (path != null) {
      MethodTree declared = (MethodTree) path.getLeaf();
      for (VariableTree parameter : declared.getParameters()) {
        Symbol symbol = ASTHelpers.getSymbol(parameter);
        Set<Symbol> fields = new HashSet<>();
        declared
            .getBody()
            .accept(
                new OwnCodeScanner() {
                  @Override
                  public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                    fields.addAll(registrationsOfArgument(call, symbol));
                    return super.visitMethodInvocation(call, null);
                  }
                },
                null);
        out.add(ImmutableSet.copyOf(fields));
      }
    }
    ImmutableList<ImmutableSet<Symbol>> result = out.build();
    parameterRegistrations.put(method, result);
    return result;
  }

  /** Whether {@code argument} is {@code waiter}, or a new object made with it. */
  private static boolean carries(ExpressionTree argument, Symbol waiter) {
    ExpressionTree stripped = BareExpression.of(argument);
    if (stripped instanceof IdentifierTree) {
      return waiter.equals(ASTHelpers.getSymbol(stripped));
    }
    return stripped instanceof NewClassTree created
        && created.getArguments().stream().anyMatch(inner -> carries(inner, waiter));
  }

  /**
   * Whether {@code call} runs on the caller's own object (implicit or explicit {@code this}) or is
   * static.
   */
  private static boolean onOwnObject(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver == null
        || receiver instanceof IdentifierTree id && id.getName().contentEquals("this")
        || ASTHelpers.getSymbol(call) instanceof MethodSymbol m && m.isStatic();
  }

  /** Scans the code a body runs itself: a lambda or class it declares runs later or elsewhere. */
  private abstract static class OwnCodeScanner extends TreeScanner<Void, Void> {
    @Override
    public Void scan(Tree tree, Void unused) {
      return OwnCode.runsElsewhere(tree) ? null : super.scan(tree, null);
    }
  }
}

package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.locks.LockCall;
import dev.stallcheck.text.MethodNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Walks one summary node's code once and records its {@link NodeFacts}: the sends and waits it
 * performs (the waits the {@link WaitPolicy} counts), and the calls it makes (to exact bodies, or
 * to dispatch nodes for virtual calls), with the immediate-or-deferred rules deciding which lambdas
 * and method references count.
 */
final class FactsCollector {
  private final CompilationIndex index;
  private final BlockingDeclarations declarations;
  private final WaitPolicy waits;
  private final CallClassifier classifier;
  private final VisitorState state;
  private final Types types;
  /** The lock each Condition field was created from, in its class's frame; cached per field. */
  private final Map<VarSymbol, Optional<MonitorPath>> conditionOwners = new HashMap<>();

  FactsCollector(
      CompilationIndex index,
      BlockingDeclarations declarations,
      WaitPolicy waits,
      CallClassifier classifier,
      VisitorState state) {
    this.index = index;
    this.declarations = declarations;
    this.waits = waits;
    this.classifier = classifier;
    this.state = state;
    this.types = state.getTypes();
  }

  NodeFacts factsOf(SummaryNode node) {
    switch (node.kind()) {
      case BODY:
        return bodyFacts(node.method());
      case DISPATCH:
        return dispatchFacts(node.method(), node.type());
      case INITIALIZERS:
        return initializerFacts(node.type());
    }
    throw new AssertionError(node);
  }

  private NodeFacts bodyFacts(MethodSymbol method) {
    if (declarations.isNonBlocking(method)) {
      return NodeFacts.NONE;
    }
    String name = MethodNames.of(method);
    String declared = declarations.whyBlocking(method, types);
    if (declared != null) {
      return NodeFacts.of(
          name,
          ImmutableList.of(
              new NodeFacts.Terminal(BlockingOperation.declared(declared), null, null)),
          ImmutableList.of());
    }
    TreePath declaration = index.declaration(method);
    if (declaration == null || ((MethodTree) declaration.getLeaf()).getBody() == null) {
      return NodeFacts.of(name, ImmutableList.of(), ImmutableList.of());
    }
    BlockTree body = ((MethodTree) declaration.getLeaf()).getBody();
    Walker walker = new Walker(method.enclClass());
    walker.takesMonitors = (method.flags() & Flags.SYNCHRONIZED) != 0;
    walker.scan(new TreePath(declaration, body), null);
    if (method.isConstructor() && !delegatesToThis(body)) {
      walker.calls.add(CallEdge.sameFrame(SummaryNode.initializers(method.enclClass())));
    }
    return walker.facts(name);
  }

  private NodeFacts dispatchFacts(MethodSymbol method, ClassSymbol receiver) {
    if (declarations.isNonBlocking(method)) {
      return NodeFacts.NONE;
    }
    ImmutableList.Builder<CallEdge> targets = ImmutableList.builder();
    targets.add(CallEdge.sameFrame(SummaryNode.body(method)));
    if (!index.declares(receiver)) {
      // A receiver typed by a library or JDK type (Runnable, Consumer, Object, Closeable, a
      // listener interface) says nothing about which of the compilation's many implementations
      // it holds; fanning out to all of them would report every lock that runs a callback.
      return NodeFacts.of(null, ImmutableList.of(), targets.build());
    }
    for (MethodSymbol override : index.overridersOf(method)) {
      ClassSymbol owner = override.enclClass();
      if (owner.isSubClass(receiver, types) || receiver.isSubClass(owner, types)) {
        targets.add(CallEdge.sameFrame(SummaryNode.body(override)));
      }
    }
    return NodeFacts.of(null, ImmutableList.of(), targets.build());
  }

  private NodeFacts initializerFacts(ClassSymbol type) {
    TreePath declaration = index.declaration(type);
    if (declaration == null) {
      return NodeFacts.NONE;
    }
    Walker walker = new Walker(type);
    for (Tree member : ((ClassTree) declaration.getLeaf()).getMembers()) {
      boolean instanceInitializer =
          (member instanceof BlockTree && !((BlockTree) member).isStatic())
              || (member instanceof VariableTree
                  && ((VariableTree) member).getInitializer() != null
                  && !ASTHelpers.isStatic(ASTHelpers.getSymbol(member)));
      if (instanceInitializer) {
        walker.scan(new TreePath(declaration, member), null);
      }
    }
    return walker.facts(null);
  }

  /**
   * The edge for a call made at {@code path} (an invocation, {@code new}, or method reference),
   * in the frame of its enclosing class; null where the call reaches no summary (unresolved).
   */
  @Nullable
  CallEdge edgeAt(TreePath path) {
    ClassTree enclosing = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    ClassSymbol frame = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    if (frame == null) {
      return null;
    }
    Tree call = path.getLeaf();
    FramePaths paths = new FramePaths(frame, types);
    if (call instanceof MethodInvocationTree) {
      return invocationEdge((MethodInvocationTree) call, frame, paths);
    }
    if (call instanceof NewClassTree creation) {
      return creation.getClassBody() == null
          ? constructorEdge(creation, paths)
          : superConstructorEdge(creation, paths);
    }
    if (call instanceof MemberReferenceTree) {
      return referenceEdge((MemberReferenceTree) call, frame, paths);
    }
    return null;
  }

  /**
   * At an anonymous class's {@code new}: the superclass constructor it runs, with the creation's
   * arguments. The anonymous class's own initializers run in place too, but the call site's code
   * is analysed there already (under the locks held there), so they are left out.
   */
  @Nullable
  private CallEdge superConstructorEdge(NewClassTree creation, FramePaths paths) {
    MethodSymbol anonymous = ASTHelpers.getSymbol(creation);
    TreePath declaration = anonymous == null ? null : index.declaration(anonymous);
    BlockTree body =
        declaration == null ? null : ((MethodTree) declaration.getLeaf()).getBody();
    if (body == null
        || body.getStatements().isEmpty()
        || !(body.getStatements().get(0) instanceof ExpressionStatementTree first)
        || !(first.getExpression() instanceof MethodInvocationTree superCall)) {
      return null;
    }
    MethodSymbol constructor = ASTHelpers.getSymbol(superCall);
    if (constructor == null || !constructor.isConstructor()) {
      return null;
    }
    return CallEdge.call(
        SummaryNode.body(constructor),
        null,
        argumentPaths(constructor, creation.getArguments(), paths));
  }

  @Nullable
  private CallEdge invocationEdge(
      MethodInvocationTree call, ClassSymbol frame, FramePaths paths) {
    MethodSymbol callee = ASTHelpers.getSymbol(call);
    if (callee == null) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    boolean viaSuper = receiver != null && isSuper(receiver);
    MonitorPath receiverPath;
    ClassSymbol receiverClass;
    if (ASTHelpers.isStatic(callee)) {
      receiverPath = null;
      receiverClass = callee.enclClass();
    } else if (receiver == null || viaSuper) {
      boolean own = frame.isSubClass(callee.owner, types);
      receiverPath = own ? MonitorPath.ofThis() : null;
      receiverClass = own ? frame : callee.enclClass();
    } else {
      receiverPath = paths.pathOf(receiver);
      receiverClass = classOf(ASTHelpers.getType(receiver), callee);
    }
    return CallEdge.call(
        target(callee, receiverClass, viaSuper),
        receiverPath,
        argumentPaths(callee, call.getArguments(), paths));
  }

  @Nullable
  private CallEdge constructorEdge(NewClassTree creation, FramePaths paths) {
    MethodSymbol constructor = ASTHelpers.getSymbol(creation);
    if (constructor == null) {
      return null;
    }
    return CallEdge.call(
        SummaryNode.body(constructor),
        null,
        argumentPaths(constructor, creation.getArguments(), paths));
  }

  @Nullable
  private CallEdge referenceEdge(MemberReferenceTree reference, ClassSymbol frame, FramePaths paths) {
    MethodSymbol callee = ASTHelpers.getSymbol(reference);
    if (callee == null) {
      return null;
    }
    List<@Nullable MonitorPath> unnamed = new ArrayList<>();
    for (int i = 0; i < callee.getParameters().size(); i++) {
      unnamed.add(null);
    }
    if (callee.isConstructor() || ASTHelpers.isStatic(callee)) {
      return CallEdge.call(SummaryNode.body(callee), null, unnamed);
    }
    ExpressionTree qualifier = reference.getQualifierExpression();
    if (isSuper(qualifier)) {
      return CallEdge.call(target(callee, frame, true), MonitorPath.ofThis(), unnamed);
    }
    Symbol qualifierSymbol = ASTHelpers.getSymbol(qualifier);
    ClassSymbol receiverClass = classOf(ASTHelpers.getType(qualifier), callee);
    // Type::instanceMethod: the receiver is the functional interface's first argument.
    MonitorPath receiverPath =
        qualifierSymbol instanceof ClassSymbol ? null : paths.pathOf(qualifier);
    return CallEdge.call(target(callee, receiverClass, false), receiverPath, unnamed);
  }

  private static boolean delegatesToThis(BlockTree body) {
    if (body.getStatements().isEmpty()) {
      return false;
    }
    StatementTree first = body.getStatements().get(0);
    if (!(first instanceof ExpressionStatementTree)
        || !(((ExpressionStatementTree) first).getExpression() instanceof MethodInvocationTree)) {
      return false;
    }
    ExpressionTree select =
        ((MethodInvocationTree) ((ExpressionStatementTree) first).getExpression())
            .getMethodSelect();
    return select instanceof IdentifierTree
        && ((IdentifierTree) select).getName().contentEquals("this");
  }

  private SummaryNode target(MethodSymbol callee, ClassSymbol receiverClass, boolean viaSuper) {
    boolean exact =
        viaSuper
            || callee.isConstructor()
            || (callee.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.FINAL)) != 0
            || (callee.enclClass().flags() & Flags.FINAL) != 0
            || (receiverClass.flags() & Flags.FINAL) != 0 && !receiverClass.isInterface();
    return exact ? SummaryNode.body(callee) : SummaryNode.dispatch(callee, receiverClass);
  }

  private ClassSymbol classOf(@Nullable Type type, MethodSymbol callee) {
    if (type != null) {
      Symbol erased = types.erasure(type).tsym;
      if (erased instanceof ClassSymbol) {
        return (ClassSymbol) erased;
      }
    }
    return callee.enclClass();
  }

  private static List<@Nullable MonitorPath> argumentPaths(
      MethodSymbol callee, List<? extends ExpressionTree> arguments, FramePaths paths) {
    List<@Nullable MonitorPath> result = new ArrayList<>();
    int parameters = callee.getParameters().size();
    for (int i = 0; i < parameters; i++) {
      boolean varargs = callee.isVarArgs() && i == parameters - 1;
      result.add(varargs || i >= arguments.size() ? null : paths.pathOf(arguments.get(i)));
    }
    return result;
  }

  private static boolean isSuper(ExpressionTree expression) {
    return (expression instanceof IdentifierTree
            && ((IdentifierTree) expression).getName().contentEquals("super"))
        || (expression instanceof MemberSelectTree
            && ((MemberSelectTree) expression).getIdentifier().contentEquals("super"));
  }

  private boolean isUntimedWait(MethodSymbol method) {
    if (!method.getParameters().isEmpty()) {
      return false;
    }
    String name = method.getSimpleName().toString();
    if (name.equals("wait")) {
      return method.owner == state.getSymtab().objectType.tsym;
    }
    if (name.equals("await") || name.equals("awaitUninterruptibly")) {
      Type condition = state.getTypeFromString("java.util.concurrent.locks.Condition");
      return condition != null && ASTHelpers.isSubtype(method.owner.type, condition, state);
    }
    return false;
  }

  /**
   * The lock {@code condition} (a field) was created from, as {@code lock.newCondition()} in its
   * initializer or in a constructor, in the frame of the field's class.
   */
  private Optional<MonitorPath> conditionOwner(VarSymbol condition) {
    Optional<MonitorPath> known = conditionOwners.get(condition);
    if (known != null) {
      return known;
    }
    Optional<MonitorPath> owner = Optional.empty();
    ClassSymbol type = condition.enclClass();
    FramePaths paths = new FramePaths(type, types);
    TreePath field = index.declaration(condition);
    if (field != null) {
      owner = Optional.ofNullable(lockOfNewCondition(((VariableTree) field.getLeaf()).getInitializer(), paths));
    }
    TreePath classPath = index.declaration(type);
    if (owner.isEmpty() && classPath != null) {
      List<MonitorPath> found = new ArrayList<>();
      for (Tree member : ((ClassTree) classPath.getLeaf()).getMembers()) {
        if (member instanceof MethodTree
            && ASTHelpers.getSymbol((MethodTree) member).isConstructor()) {
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree assignment, Void unused) {
              if (condition.equals(ASTHelpers.getSymbol(assignment.getVariable()))) {
                MonitorPath lock = lockOfNewCondition(assignment.getExpression(), paths);
                if (lock != null) {
                  found.add(lock);
                }
              }
              return super.visitAssignment(assignment, null);
            }
          }.scan(member, null);
        }
      }
      if (!found.isEmpty() && found.stream().allMatch(found.get(0)::equals)) {
        owner = Optional.of(found.get(0));
      }
    }
    conditionOwners.put(condition, owner);
    return owner;
  }

  /** For {@code lock.newCondition()}: the path of {@code lock} if it is this-relative or static. */
  @Nullable
  private static MonitorPath lockOfNewCondition(@Nullable ExpressionTree expression, FramePaths paths) {
    if (!(expression instanceof MethodInvocationTree)) {
      return null;
    }
    MethodInvocationTree call = (MethodInvocationTree) expression;
    MethodSymbol method = ASTHelpers.getSymbol(call);
    ExpressionTree lock = ASTHelpers.getReceiver(call);
    if (method == null
        || !method.getSimpleName().contentEquals("newCondition")
        || !call.getArguments().isEmpty()) {
      return null;
    }
    MonitorPath path = lock == null ? MonitorPath.ofThis() : paths.pathOf(lock);
    if (path == null
        || (path.root() != MonitorPath.Root.THIS && path.root() != MonitorPath.Root.STATIC_FIELD)) {
      return null;
    }
    return path;
  }

  /** One walk over one node's code, in the frame of {@code frame}. */
  private final class Walker extends TreePathScanner<Void, Void> {
    private final ClassSymbol frame;
    private final FramePaths paths;
    private final List<NodeFacts.Terminal> terminals = new ArrayList<>();
    private final List<CallEdge> calls = new ArrayList<>();
    /** Lambdas and method references passed where they run immediately. */
    private final Set<ExpressionTree> immediate = new HashSet<>();
    /** Local {@code Condition c = lock.newCondition()} variables, by the lock's path. */
    private final Map<Symbol, MonitorPath> localConditions = new HashMap<>();
    /** Whether the code takes a monitor or a {@code Lock} itself (see {@link NodeFacts}). */
    private boolean takesMonitors;
    private boolean takesLocks;

    Walker(ClassSymbol frame) {
      this.frame = frame;
      this.paths = new FramePaths(frame, types);
    }

    NodeFacts facts(@Nullable String name) {
      return new NodeFacts(
          name,
          ImmutableList.copyOf(terminals),
          ImmutableList.copyOf(calls),
          takesMonitors,
          takesLocks);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null; // A local or anonymous class's methods are nodes of their own.
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
      takesMonitors = true;
      return super.visitSynchronized(tree, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return immediate.contains(tree) ? super.visitLambdaExpression(tree, null) : null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      if (immediate.contains(tree)) {
        if (classifier.isBlockingSend(tree, state.withPath(getCurrentPath()))) {
          terminals.add(
              new NodeFacts.Terminal(operation(tree, BlockingOperation.Kind.SEND), null, null));
        } else {
          addEdge(referenceEdge(tree, frame, paths));
        }
      }
      return super.visitMemberReference(tree, null);
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      VarSymbol variable = ASTHelpers.getSymbol(tree);
      if (variable != null && (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0) {
        MonitorPath lock = lockOfNewCondition(tree.getInitializer(), paths);
        if (lock != null) {
          localConditions.put(variable, lock);
        }
      }
      return super.visitVariable(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      MethodSymbol callee = ASTHelpers.getSymbol(call);
      if (callee != null) {
        VisitorState here = state.withPath(getCurrentPath());
        if (classifier.isBlockingSend(call, here)) {
          terminals.add(
              new NodeFacts.Terminal(operation(call, BlockingOperation.Kind.SEND), null, null));
        } else if (isUntimedWait(callee)) {
          if (waits.counts(getCurrentPath(), here)) {
            terminals.add(
                new NodeFacts.Terminal(
                    operation(call, BlockingOperation.Kind.WAIT),
                    waitedMonitor(call, callee),
                    callee.getSimpleName().contentEquals("wait")
                        ? WaitPrimitive.MONITOR
                        : WaitPrimitive.CONDITION));
          }
        } else {
          // A Lock's condition can only release what was taken with lock()/tryLock(): stamps
          // have no conditions.
          takesLocks |=
              LockCall.of(call, getCurrentPath(), here)
                  .filter(lockCall -> lockCall.takes() && !lockCall.lock().kind().isStamped())
                  .isPresent();
          addEdge(invocationEdge(call, frame, paths));
        }
        markImmediate(call, call.getArguments(), here);
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitNewClass(NewClassTree creation, Void unused) {
      addEdge(constructorEdge(creation, paths));
      markImmediate(creation, creation.getArguments(), state.withPath(getCurrentPath()));
      return super.visitNewClass(creation, null);
    }

    private void markImmediate(
        ExpressionTree call, List<? extends ExpressionTree> arguments, VisitorState here) {
      for (ExpressionTree argument : arguments) {
        ExpressionTree bare = ASTHelpers.stripParentheses(argument);
        if ((bare instanceof LambdaExpressionTree || bare instanceof MemberReferenceTree)
            && classifier.runsImmediately(call, bare, here)) {
          immediate.add(bare);
        }
      }
    }

    private void addEdge(@Nullable CallEdge edge) {
      if (edge != null) {
        calls.add(edge);
      }
    }

    /** What a wait releases: the receiver's monitor, or for a Condition the lock it came from. */
    @Nullable
    private MonitorPath waitedMonitor(MethodInvocationTree call, MethodSymbol callee) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      MonitorPath target = receiver == null ? MonitorPath.ofThis() : paths.pathOf(receiver);
      if (target == null || callee.getSimpleName().contentEquals("wait")) {
        return target;
      }
      if (target.root() == MonitorPath.Root.LOCAL && target.members().isEmpty()) {
        MonitorPath lock = localConditions.get(target.rootSymbol());
        return lock != null ? lock : target;
      }
      Symbol last = target.members().isEmpty() ? null : target.members().get(target.members().size() - 1);
      if (last instanceof VarSymbol) {
        Optional<MonitorPath> owner = conditionOwner((VarSymbol) last);
        if (owner.isPresent()) {
          MonitorPath lock = owner.get();
          if (lock.root() == MonitorPath.Root.STATIC_FIELD) {
            return lock;
          }
          MonitorPath object = target.parent();
          return object == null ? target : object.thenAll(lock.members());
        }
      }
      return target;
    }

    private BlockingOperation operation(ExpressionTree call, BlockingOperation.Kind kind) {
      CompilationUnitTree unit = getCurrentPath().getCompilationUnit();
      String text = state.withPath(getCurrentPath()).getSourceForNode(call);
      if (text == null) {
        text = call.toString();
      }
      String file = unit.getSourceFile().getName();
      file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
      long line = unit.getLineMap().getLineNumber(ASTHelpers.getStartPosition(call));
      return kind == BlockingOperation.Kind.WAIT
          ? BlockingOperation.waiting(text, file, line, getCurrentPath())
          : BlockingOperation.send(text, file, line, getCurrentPath());
    }
  }
}

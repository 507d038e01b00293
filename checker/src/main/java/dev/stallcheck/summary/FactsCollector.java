package dev.stallcheck.summary;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.api.OutputStreams;
import dev.stallcheck.api.WaitApis;
import dev.stallcheck.flow.CallTargets;
import dev.stallcheck.flow.UnboundedQueues;
import dev.stallcheck.flow.Value;
import dev.stallcheck.flow.ValueFlow;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.locks.LockCall;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.paths.FramePaths;
import dev.stallcheck.sends.BlockingSends;
import dev.stallcheck.text.MethodNames;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
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
  private final ValueFlow values;
  private final CallTargets targets;
  private final CallContexts contexts;

  /** Each method's code is walked once; its facts in every context are read off this. */
  private final Map<MethodSymbol, MethodFacts> methodFacts = new HashMap<>();

  /** The facts of each lambda and method reference run by a call of its interface's method. */
  private final Map<Tree, MethodFacts> functionalFacts = new IdentityHashMap<>();

  /** The lambdas and method references a call of a functional interface's method may run. */
  private final FunctionalTargets functional;

  /** What a submission to a pool may run in the submitting thread when the pool rejects it. */
  private final RejectionHandlers rejections;

  /** The lock each Condition field was created from, in its class's frame; cached per field. */
  private final Map<VarSymbol, Optional<AccessPath>> conditionOwners = new HashMap<>();

  FactsCollector(
      CompilationIndex index,
      BlockingDeclarations declarations,
      WaitPolicy waits,
      CallClassifier classifier,
      SummaryLimits limits,
      VisitorState state) {
    this.index = index;
    this.declarations = declarations;
    this.waits = waits;
    this.classifier = classifier;
    this.state = state;
    this.types = state.getTypes();
    this.values = ValueFlow.instance(state.context);
    this.targets = CallTargets.instance(state.context);
    this.functional = new FunctionalTargets(index, values, limits.pluginPointBodies(), state);
    this.rejections = new RejectionHandlers(index, values, state);
    this.contexts = new CallContexts(limits, index.methodCount());
  }

  NodeFacts factsOf(SummaryNode node) {
    return switch (node.kind()) {
      case BODY -> instantiate(methodFacts(node.method()), node.method(), node.context());
      case DISPATCH ->
          NodeFacts.of(
              null,
              ImmutableList.of(),
              dispatchedBodies(node.method(), node.type(), node.context()).stream()
                  .map(CallEdge::sameFrame)
                  .collect(ImmutableList.toImmutableList()));
      case INITIALIZERS -> instantiate(initializerFacts(node.type()), null, CallContext.NONE);
      case FUNCTIONAL ->
          instantiate(functionalFacts(node.code(), node.type()), null, CallContext.NONE);
    };
  }

  /**
   * The edges of the call at {@code path} (an invocation, {@code new}, or method reference), in the
   * frame of its enclosing class and with nothing known of its enclosing method's caller; empty
   * where the call reaches no summary.
   */
  List<CallEdge> edgesAt(TreePath path) {
    ClassTree enclosing = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    ClassSymbol frame = enclosing == null ? null : ASTHelpers.getSymbol(enclosing);
    if (frame == null) {
      return List.of();
    }
    MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
    MethodSymbol symbol = method == null ? null : ASTHelpers.getSymbol(method);
    if (symbol != null && !symbol.enclClass().equals(frame)) {
      symbol = null; // A method of an outer class: its parameters are captured values here.
    }
    SymbolicCall call = new CallReader(frame, symbol).read(path);
    return call == null ? List.of() : edges(call, symbol, CallContext.NONE);
  }

  private MethodFacts methodFacts(MethodSymbol method) {
    MethodFacts known = methodFacts.get(method);
    if (known == null) {
      known = bodyFacts(method);
      methodFacts.put(method, known);
    }
    return known;
  }

  private MethodFacts bodyFacts(MethodSymbol method) {
    // A stream's flush or close waits for what was written by contract: its callers expect that.
    if (declarations.isNonBlocking(method, state) || OutputStreams.isDrain(method, state)) {
      return MethodFacts.NONE;
    }
    String name = MethodNames.of(method);
    String declared = declarations.whyBlocking(method, state);
    if (declared != null) {
      return new MethodFacts(
          name,
          ImmutableList.of(
              new MethodFacts.GuardedTerminal(
                  new NodeFacts.Terminal(BlockingOperation.declared(declared), null, null),
                  ImmutableList.of())),
          ImmutableList.of(),
          false,
          false,
          false,
          ImmutableSet.of());
    }
    TreePath declaration = index.declaration(method);
    if (declaration == null || ((MethodTree) declaration.getLeaf()).getBody() == null) {
      return new MethodFacts(
          name, ImmutableList.of(), ImmutableList.of(), false, false, false, ImmutableSet.of());
    }
    BlockTree body = ((MethodTree) declaration.getLeaf()).getBody();
    Walker walker = new Walker(method.enclClass(), method);
    if ((method.flags() & Flags.SYNCHRONIZED) != 0) {
      walker.takesMonitors = true;
      walker.heldMonitors =
          ImmutableSet.of(
              method.isStatic() ? AccessPath.classOf(method.enclClass()) : AccessPath.self());
    }
    walker.scan(new TreePath(declaration, body), null);
    if (method.isConstructor() && !delegatesToThis(body)) {
      walker.calls.add(
          new SymbolicCall(
              SymbolicCall.Kind.INITIALIZERS,
              method,
              method.enclClass(),
              Operand.UNKNOWN,
              ImmutableList.of(),
              null,
              List.of(),
              ImmutableList.of(),
              null,
              ImmutableList.of(),
              ImmutableList.of(),
              MonitorsAtCall.NONE));
    }
    return walker.facts(name);
  }

  private MethodFacts initializerFacts(ClassSymbol type) {
    TreePath declaration = index.declaration(type);
    if (declaration == null) {
      return MethodFacts.NONE;
    }
    Walker walker = new Walker(type, null);
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
   * The facts of the lambda or method reference at {@code code}, written in class {@code frame}:
   * its code as if it ran where written, with nothing known of its parameters.
   */
  private MethodFacts functionalFacts(TreePath code, ClassSymbol frame) {
    MethodFacts known = functionalFacts.get(code.getLeaf());
    if (known == null) {
      Walker walker = new Walker(frame, null);
      walker.immediate.add((ExpressionTree) code.getLeaf());
      walker.scan(code, null);
      String kind = code.getLeaf() instanceof LambdaExpressionTree ? "lambda" : "method reference";
      known = walker.facts(kind + " (" + siteOf(code) + ")");
      functionalFacts.put(code.getLeaf(), known);
    }
    return known;
  }

  /** The facts of a method (null: initializers) in {@code context}: guards decided, calls found. */
  private NodeFacts instantiate(
      MethodFacts facts, @Nullable MethodSymbol method, CallContext context) {
    ImmutableList.Builder<NodeFacts.Terminal> terminals = ImmutableList.builder();
    for (MethodFacts.GuardedTerminal terminal : facts.terminals()) {
      if (admits(terminal.guards(), method, context)) {
        terminals.add(terminal.terminal());
      }
    }
    ImmutableList.Builder<CallEdge> calls = ImmutableList.builder();
    for (SymbolicCall call : facts.calls()) {
      if (admits(call.guards(), method, context)) {
        calls.addAll(edges(call, method, context));
      }
    }
    return new NodeFacts(
        facts.name(), terminals.build(), calls.build(), facts.takesMonitors(), facts.takesLocks());
  }

  private boolean admits(List<Guard> guards, @Nullable MethodSymbol method, CallContext context) {
    for (Guard guard : guards) {
      Operand read =
          guard.parameter() == Guard.RECEIVER ? Operand.THIS : Operand.parameter(guard.parameter());
      if (!guard.admits(valueOf(read, method, context))) {
        return false;
      }
    }
    return true;
  }

  /** The bodies {@code call}, made by {@code method} in {@code context}, reaches. */
  private List<CallEdge> edges(
      SymbolicCall call, @Nullable MethodSymbol method, CallContext context) {
    List<CallEdge> edges = edgesIgnoringMonitors(call, method, context);
    if (call.monitors().equals(MonitorsAtCall.NONE)) {
      return edges;
    }
    List<CallEdge> at = new ArrayList<>();
    for (CallEdge edge : edges) {
      at.add(edge.at(call.monitors()));
    }
    return at;
  }

  private List<CallEdge> edgesIgnoringMonitors(
      SymbolicCall call, @Nullable MethodSymbol method, CallContext context) {
    if (call.kind() == SymbolicCall.Kind.INITIALIZERS) {
      return List.of(CallEdge.sameFrame(SummaryNode.initializers(call.staticType())));
    }
    ImmutableList<Value> arguments =
        call.arguments().stream()
            .map(operand -> valueOf(operand, method, context))
            .collect(ImmutableList.toImmutableList());
    Value receiver = valueOf(call.receiver(), method, context);
    ImmutableMap<VarSymbol, Value> fields = CallContext.keptFields(receiver);
    List<CallEdge> edges = new ArrayList<>();
    if (call.kind() == SymbolicCall.Kind.EXACT) {
      ImmutableSet<ClassSymbol> receivers = receiver.classes();
      if (receivers == null && !ASTHelpers.isStatic(call.callee())) {
        // A final method's `this` is still one of the classes the compilation creates.
        ImmutableSet<ClassSymbol> created =
            values.program().instantiatedSubtypesOf(call.staticType());
        receivers = created.isEmpty() ? null : Value.ofClasses(created).classes();
      }
      edges.add(edgeTo(call, call.callee(), receivers, arguments, fields));
    } else {
      // Many bodies: one shared dispatch node, so that n callers of m bodies cost n + m edges.
      CallContext dispatched = new CallContext(receiver.classes(), arguments, fields);
      List<SummaryNode> bodies = dispatchedBodies(call.callee(), call.staticType(), dispatched);
      List<SummaryNode> targets =
          bodies.size() <= 1
              ? bodies
              : List.of(
                  SummaryNode.dispatch(
                      call.callee(), call.staticType(), readBy(bodies, dispatched)));
      for (SummaryNode target : targets) {
        edges.add(CallEdge.call(target, call.receiverPath(), call.argumentPaths(), call.site()));
      }
    }
    for (MethodSymbol handler : call.handlers()) {
      // The handler's own object: nothing of the executor's frame names it.
      ImmutableList<Value> unknown =
          handler.getParameters().stream()
              .map(p -> Value.UNKNOWN)
              .collect(ImmutableList.toImmutableList());
      edges.add(
          CallEdge.call(
              bodyNode(handler, ImmutableSet.of(handler.enclClass()), unknown, ImmutableMap.of()),
              null,
              List.of(),
              call.site()));
    }
    for (TreePath code : call.functional()) {
      ClassTree written = ASTHelpers.findEnclosingNode(code, ClassTree.class);
      if (written != null && ASTHelpers.getSymbol(written) instanceof ClassSymbol frame) {
        edges.add(CallEdge.call(SummaryNode.functional(code, frame), null, List.of(), call.site()));
      }
    }
    return edges;
  }

  /**
   * {@code context} with only the arguments some of {@code bodies} reads: fewer shapes to share.
   */
  private CallContext readBy(List<SummaryNode> bodies, CallContext context) {
    Set<Integer> read = new HashSet<>();
    for (SummaryNode body : bodies) {
      read.addAll(methodFacts(body.method()).usedParameters());
    }
    ImmutableList.Builder<Value> arguments = ImmutableList.builder();
    for (int i = 0; i < context.arguments().size(); i++) {
      arguments.add(read.contains(i) ? context.argument(i) : Value.UNKNOWN);
    }
    return new CallContext(context.receiver(), arguments.build(), context.receiverFields());
  }

  /**
   * The bodies a virtual call of {@code callee} on a receiver of static class {@code staticType}
   * reaches, each in its context, for a call in {@code context}.
   */
  private List<SummaryNode> dispatchedBodies(
      MethodSymbol callee, ClassSymbol staticType, CallContext context) {
    List<SummaryNode> bodies = new ArrayList<>();
    if ((callee.flags() & Flags.ABSTRACT) != 0 || !index.declares(callee.enclClass())) {
      // No code of its own, but it may be declared blocking (@Blocking, BlockingMethods).
      bodies.add(bodyNode(callee, context.receiver(), context.arguments(), ImmutableMap.of()));
    }
    for (CallTargets.Target target : targets.resolve(callee, staticType, context.receiver())) {
      if (!target.body().equals(callee) || bodies.isEmpty()) {
        bodies.add(
            bodyNode(
                target.body(), target.receivers(), context.arguments(), context.receiverFields()));
      }
    }
    return bodies;
  }

  private CallEdge edgeTo(
      SymbolicCall call,
      MethodSymbol body,
      @Nullable ImmutableSet<ClassSymbol> receivers,
      ImmutableList<Value> arguments,
      ImmutableMap<VarSymbol, Value> fields) {
    return CallEdge.call(
        bodyNode(body, receivers, arguments, fields),
        call.receiverPath(),
        call.argumentPaths(),
        call.site());
  }

  private SummaryNode bodyNode(
      MethodSymbol body,
      @Nullable ImmutableSet<ClassSymbol> receivers,
      ImmutableList<Value> arguments,
      ImmutableMap<VarSymbol, Value> fields) {
    return SummaryNode.body(
        body,
        contexts.forCall(body, methodFacts(body), new CallContext(receivers, arguments, fields)));
  }

  /** What {@code operand} is when {@code method} (null: initializers) runs in {@code context}. */
  private Value valueOf(Operand operand, @Nullable MethodSymbol method, CallContext context) {
    return switch (operand.kind()) {
      case THIS -> {
        if (context.receiver() != null) {
          yield Value.ofClasses(context.receiver()).withFields(context.receiverFields());
        }
        // Unknown caller: any class of the compilation's that runs this method's code.
        ImmutableSet<ClassSymbol> created =
            method == null
                ? ImmutableSet.of()
                : values.program().instantiatedSubtypesOf(method.enclClass());
        yield created.isEmpty() ? Value.UNKNOWN : Value.ofClasses(created);
      }
      case PARAMETER -> {
        Value known = context.argument(operand.parameter());
        Value parameter =
            known.isKnown() || method == null
                ? known
                : values.parameterValue(method, operand.parameter());
        if (operand.field() == null) {
          yield parameter;
        }
        Value field = parameter.field(operand.field());
        yield field.isKnown() ? field : operand.value();
      }
      case VALUE -> operand.value();
    };
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

  private static boolean isExact(MethodSymbol callee, ClassSymbol receiverClass, boolean viaSuper) {
    return viaSuper
        || callee.isConstructor()
        || (callee.flags() & (Flags.STATIC | Flags.PRIVATE | Flags.FINAL)) != 0
        || (callee.enclClass().flags() & Flags.FINAL) != 0
        || (receiverClass.flags() & Flags.FINAL) != 0 && !receiverClass.isInterface();
  }

  /**
   * Reads calls made in one method ({@code method}; null for initializers) of class {@code frame}
   * into {@link SymbolicCall}s: the callee, and what its receiver and arguments are in the caller.
   */
  private class CallReader implements Guard.Reader {
    final ClassSymbol frame;
    @Nullable final MethodSymbol method;
    final FramePaths paths;

    CallReader(ClassSymbol frame, @Nullable MethodSymbol method) {
      this.frame = frame;
      this.method = method;
      this.paths = new FramePaths(frame, types);
    }

    /** The call at {@code path} (an invocation, {@code new}, method reference); else null. */
    @Nullable SymbolicCall read(TreePath path) {
      Tree call = path.getLeaf();
      if (call instanceof MethodInvocationTree invocation) {
        return invocation(invocation, path);
      }
      if (call instanceof NewClassTree creation) {
        return creation.getClassBody() == null
            ? constructor(creation, path)
            : superConstructor(creation, path);
      }
      if (call instanceof MemberReferenceTree reference) {
        return reference(reference, path);
      }
      return null;
    }

    /** The index of the effectively final parameter of {@link #method} {@code e} names; else -1. */
    @Override
    public int parameterOf(ExpressionTree e) {
      if (method == null
          || !(e instanceof IdentifierTree)
          || !(ASTHelpers.getSymbol(e) instanceof VarSymbol variable)
          || variable.owner != method
          || !values.program().isEffectivelyFinalParameter(variable)) {
        return -1;
      }
      return method.getParameters().indexOf(variable);
    }

    @Override
    public @Nullable VarSymbol fieldReturnedBy(MethodSymbol getter) {
      return values.fieldReturnedBy(getter);
    }

    @Override
    public @Nullable ExpressionTree onlyValueOf(ExpressionTree e) {
      return e instanceof IdentifierTree && ASTHelpers.getSymbol(e) instanceof VarSymbol local
          ? values.program().onlyValueOf(local)
          : null;
    }

    private Operand operand(ExpressionTree expression, TreePath at) {
      ExpressionTree e = ASTHelpers.stripParentheses(expression);
      if (hasThis() && isThis(e)) {
        return Operand.THIS;
      }
      Guard.Subject read = Guard.subjectOf(e, this);
      if (read != null && read.field() == null) {
        return Operand.parameter(read.parameter());
      }
      Value value = values.valueOf(new TreePath(at, expression));
      return read != null ? Operand.read(read, value) : Operand.of(value);
    }

    /**
     * The class a virtual call on {@code receiver} dispatches from: narrower than its static type
     * {@code receiverClass} when every value that flows into the variable it reads is statically
     * typed as a subclass ({@link ValueFlow#narrowedClass}).
     */
    private ClassSymbol narrowed(@Nullable ExpressionTree receiver, ClassSymbol receiverClass) {
      if (receiver != null
          && ASTHelpers.getSymbol(BareExpression.of(receiver)) instanceof VarSymbol variable
          && values.narrowedClass(variable) instanceof ClassSymbol narrower
          && narrower.isSubClass(receiverClass, types)) {
        return narrower;
      }
      return receiverClass;
    }

    private boolean hasThis() {
      return method != null && !ASTHelpers.isStatic(method);
    }

    private boolean isThis(ExpressionTree e) {
      if (e instanceof IdentifierTree identifier) {
        return identifier.getName().contentEquals("this");
      }
      return e instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals("this")
          && frame.equals(ASTHelpers.getSymbol(select.getExpression()));
    }

    private ImmutableList<Operand> operands(
        MethodSymbol callee, List<? extends ExpressionTree> arguments, TreePath at) {
      ImmutableList.Builder<Operand> result = ImmutableList.builder();
      int parameters = callee.getParameters().size();
      for (int i = 0; i < parameters; i++) {
        boolean varargs = callee.isVarArgs() && i == parameters - 1;
        result.add(
            varargs || i >= arguments.size() ? Operand.UNKNOWN : operand(arguments.get(i), at));
      }
      return result.build();
    }

    @Nullable
    private SymbolicCall invocation(MethodInvocationTree call, TreePath at) {
      MethodSymbol callee = ASTHelpers.getSymbol(call);
      if (callee == null) {
        return null;
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      boolean viaSuper = receiver != null && isSuper(receiver);
      AccessPath receiverPath;
      Operand receiverOperand;
      ClassSymbol receiverClass;
      if (ASTHelpers.isStatic(callee)) {
        receiverPath = null;
        receiverOperand = Operand.UNKNOWN;
        receiverClass = callee.enclClass();
      } else if (receiver == null || viaSuper) {
        boolean own = frame.isSubClass(callee.owner, types);
        receiverPath = own ? AccessPath.self() : null;
        receiverOperand = own && hasThis() ? Operand.THIS : Operand.UNKNOWN;
        receiverClass = own ? frame : callee.enclClass();
      } else {
        receiverPath = paths.pathOf(receiver);
        receiverOperand = operand(receiver, at);
        receiverClass = classOf(ASTHelpers.getType(receiver), callee);
      }
      boolean exact = isExact(callee, receiverClass, viaSuper);
      SymbolicCall made =
          call(
              exact,
              callee,
              exact ? receiverClass : narrowed(receiver, receiverClass),
              receiverOperand,
              operands(callee, call.getArguments(), at),
              receiverPath,
              argumentPaths(callee, call.getArguments(), paths),
              at,
              viaSuper ? ImmutableList.of() : functional.targetsOf(callee, receiver, at, method));
      return viaSuper ? made : made.withRejection(rejections.of(callee, receiver, at));
    }

    @Nullable SymbolicCall constructor(NewClassTree creation, TreePath at) {
      MethodSymbol constructor = ASTHelpers.getSymbol(creation);
      if (constructor == null) {
        return null;
      }
      return call(
          true,
          constructor,
          constructor.enclClass(),
          Operand.of(Value.created(constructor.enclClass())),
          operands(constructor, creation.getArguments(), at),
          null,
          argumentPaths(constructor, creation.getArguments(), paths),
          at,
          ImmutableList.of());
    }

    /**
     * At an anonymous class's {@code new}: the superclass constructor it runs, with the creation's
     * arguments. The anonymous class's own initializers run in place too, but the call site's code
     * is analysed there already (under the locks held there), so they are left out.
     */
    @Nullable
    private SymbolicCall superConstructor(NewClassTree creation, TreePath at) {
      MethodSymbol anonymous = ASTHelpers.getSymbol(creation);
      TreePath declaration = anonymous == null ? null : index.declaration(anonymous);
      BlockTree body = declaration == null ? null : ((MethodTree) declaration.getLeaf()).getBody();
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
      return call(
          true,
          constructor,
          constructor.enclClass(),
          Operand.of(Value.created(anonymous.enclClass())),
          operands(constructor, creation.getArguments(), at),
          null,
          argumentPaths(constructor, creation.getArguments(), paths),
          at,
          ImmutableList.of());
    }

    @Nullable
    private SymbolicCall reference(MemberReferenceTree reference, TreePath at) {
      MethodSymbol callee = ASTHelpers.getSymbol(reference);
      if (callee == null) {
        return null;
      }
      List<@Nullable AccessPath> unnamed = new ArrayList<>();
      ImmutableList.Builder<Operand> unknown = ImmutableList.builder();
      for (int i = 0; i < callee.getParameters().size(); i++) {
        unnamed.add(null);
        unknown.add(Operand.UNKNOWN);
      }
      if (callee.isConstructor() || ASTHelpers.isStatic(callee)) {
        Operand receiver =
            callee.isConstructor()
                ? Operand.of(Value.created(callee.enclClass()))
                : Operand.UNKNOWN;
        return call(
            true,
            callee,
            callee.enclClass(),
            receiver,
            unknown.build(),
            null,
            unnamed,
            at,
            ImmutableList.of());
      }
      ExpressionTree qualifier = reference.getQualifierExpression();
      if (isSuper(qualifier)) {
        return call(
            true,
            callee,
            frame,
            hasThis() ? Operand.THIS : Operand.UNKNOWN,
            unknown.build(),
            AccessPath.self(),
            unnamed,
            at,
            ImmutableList.of());
      }
      Symbol qualifierSymbol = ASTHelpers.getSymbol(qualifier);
      ClassSymbol receiverClass = classOf(ASTHelpers.getType(qualifier), callee);
      // Type::instanceMethod: the receiver is the functional interface's first argument.
      boolean typeQualified = qualifierSymbol instanceof ClassSymbol;
      return call(
          isExact(callee, receiverClass, false),
          callee,
          receiverClass,
          typeQualified ? Operand.UNKNOWN : operand(qualifier, at),
          unknown.build(),
          typeQualified ? null : paths.pathOf(qualifier),
          unnamed,
          at,
          ImmutableList.of());
    }

    private SymbolicCall call(
        boolean exact,
        MethodSymbol callee,
        ClassSymbol receiverClass,
        Operand receiver,
        ImmutableList<Operand> arguments,
        @Nullable AccessPath receiverPath,
        List<@Nullable AccessPath> argumentPaths,
        TreePath at,
        ImmutableList<TreePath> functional) {
      return new SymbolicCall(
          exact ? SymbolicCall.Kind.EXACT : SymbolicCall.Kind.VIRTUAL,
          callee,
          receiverClass,
          receiver,
          arguments,
          receiverPath,
          argumentPaths,
          ImmutableList.of(),
          siteOf(at),
          functional,
          ImmutableList.of(),
          MonitorsAtCall.NONE);
    }
  }

  /** {@code File.java:line} of the code at {@code path}. */
  private static String siteOf(TreePath path) {
    CompilationUnitTree unit = path.getCompilationUnit();
    return fileName(unit) + ":" + lineOf(unit, path.getLeaf());
  }

  /** The simple name of the unit's source file ({@code Connection.java}). */
  private static String fileName(CompilationUnitTree unit) {
    String file = unit.getSourceFile().getName();
    return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  }

  private static long lineOf(CompilationUnitTree unit, Tree tree) {
    return unit.getLineMap().getLineNumber(ASTHelpers.getStartPosition(tree));
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

  private static List<@Nullable AccessPath> argumentPaths(
      MethodSymbol callee, List<? extends ExpressionTree> arguments, FramePaths paths) {
    List<@Nullable AccessPath> result = new ArrayList<>();
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

  /**
   * Whether {@code call} is an untimed wait that gives a lock back ({@link
   * WaitApis#UNTIMED_LOCK_WAIT}); {@code callee} is its method.
   */
  static boolean isUntimedWait(Tree call, MethodSymbol callee, VisitorState state) {
    return mayBeUntimedWait(callee, state)
        && call instanceof MethodInvocationTree invocation
        && WaitApis.UNTIMED_LOCK_WAIT.matches(invocation, state);
  }

  /**
   * Whether a call of {@code callee} may be an untimed wait: every such wait has one of a few names
   * and takes no arguments, so most calls are settled by the name alone, before the parameters
   * (which javac may make on demand) or the matcher's type test.
   */
  static boolean mayBeUntimedWait(MethodSymbol callee, VisitorState state) {
    return WaitApis.UNTIMED_LOCK_WAIT_NAMES.contains(callee.getSimpleName(), state)
        && callee.getParameters().isEmpty();
  }

  /**
   * The lock {@code condition} (a field) was created from, as {@code lock.newCondition()} in its
   * initializer or in a constructor, in the frame of the field's class.
   */
  private Optional<AccessPath> conditionOwner(VarSymbol condition) {
    Optional<AccessPath> known = conditionOwners.get(condition);
    if (known != null) {
      return known;
    }
    Optional<AccessPath> owner = Optional.empty();
    ClassSymbol type = condition.enclClass();
    FramePaths paths = new FramePaths(type, types);
    TreePath field = index.declaration(condition);
    if (field != null) {
      owner =
          Optional.ofNullable(
              lockOfNewCondition(((VariableTree) field.getLeaf()).getInitializer(), paths));
    }
    TreePath classPath = index.declaration(type);
    if (owner.isEmpty() && classPath != null) {
      List<AccessPath> found = new ArrayList<>();
      for (Tree member : ((ClassTree) classPath.getLeaf()).getMembers()) {
        if (member instanceof MethodTree
            && ASTHelpers.getSymbol((MethodTree) member).isConstructor()) {
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree assignment, Void unused) {
              if (condition.equals(ASTHelpers.getSymbol(assignment.getVariable()))) {
                AccessPath lock = lockOfNewCondition(assignment.getExpression(), paths);
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
  private static AccessPath lockOfNewCondition(
      @Nullable ExpressionTree expression, FramePaths paths) {
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
    AccessPath path = lock == null ? AccessPath.self() : paths.pathOf(lock);
    if (path == null
        || (path.root() != AccessPath.Root.THIS && path.root() != AccessPath.Root.STATIC_FIELD)) {
      return null;
    }
    return path;
  }

  /**
   * One walk over one method's code (null: initializers), in the frame of {@code frame}, recording
   * with each operation and call the guards on the method's parameters it runs under.
   */
  private final class Walker extends LazyPathScanner<Void, Void> {
    private final FramePaths paths;
    private final CallReader reader;
    private final List<MethodFacts.GuardedTerminal> terminals = new ArrayList<>();
    private final List<SymbolicCall> calls = new ArrayList<>();

    /** Lambdas and method references passed where they run immediately. */
    private final Set<ExpressionTree> immediate = new HashSet<>();

    /** Local {@code Condition c = lock.newCondition()} variables, by the lock's path. */
    private final Map<Symbol, AccessPath> localConditions = new HashMap<>();

    /** Whether the code takes a monitor or a {@code Lock} itself (see {@link NodeFacts}). */
    private boolean takesMonitors;

    private boolean takesLocks;

    /** The guards the code being walked runs under. */
    private ImmutableList<Guard> guards = ImmutableList.of();

    /** The monitors the code being walked holds: {@code synchronized} blocks, the method's own. */
    private ImmutableSet<AccessPath> heldMonitors = ImmutableSet.of();

    /** A monitor the code being walked runs only without ({@code !Thread.holdsLock(m)}). */
    private @Nullable AccessPath notHeld;

    Walker(ClassSymbol frame, @Nullable MethodSymbol method) {
      this.paths = new FramePaths(frame, types);
      this.reader = new CallReader(frame, method);
    }

    MethodFacts facts(@Nullable String name) {
      boolean usesReceiver = false;
      Set<Integer> used = new HashSet<>();
      for (SymbolicCall call : calls) {
        List<Operand> operands = new ArrayList<>(call.arguments());
        operands.add(call.receiver());
        for (Operand operand : operands) {
          usesReceiver |= operand.kind() == Operand.Kind.THIS;
          if (operand.kind() == Operand.Kind.PARAMETER) {
            used.add(operand.parameter());
          }
        }
        for (Guard guard : call.guards()) {
          usesReceiver |= guard.parameter() == Guard.RECEIVER;
          used.add(guard.parameter());
        }
      }
      for (MethodFacts.GuardedTerminal terminal : terminals) {
        for (Guard guard : terminal.guards()) {
          usesReceiver |= guard.parameter() == Guard.RECEIVER;
          used.add(guard.parameter());
        }
      }
      used.remove(Guard.RECEIVER);
      return new MethodFacts(
          name,
          ImmutableList.copyOf(terminals),
          ImmutableList.copyOf(calls),
          takesMonitors,
          takesLocks,
          usesReceiver,
          ImmutableSet.copyOf(used));
    }

    private void addTerminal(NodeFacts.Terminal terminal) {
      terminals.add(new MethodFacts.GuardedTerminal(terminal, guards));
    }

    /** A send made here: not made when the monitor known not held here is held. */
    private NodeFacts.Terminal sendHere(ExpressionTree call) {
      return new NodeFacts.Terminal(
          operation(call, BlockingOperation.Kind.SEND), null, null, notHeld);
    }

    /**
     * Adds the send {@code call}: when its queue is a final field of this object, under the guard
     * that the field does not hold a queue that never fills, which the object's creation may tell
     * ({@code new Mailbox(new LinkedBlockingQueue<>())}).
     */
    private void addSend(MethodInvocationTree call) {
      NodeFacts.Terminal send = sendHere(call);
      VarSymbol queue = ownFinalField(BlockingSends.queueOf(call));
      if (queue == null) {
        addTerminal(send);
        return;
      }
      Guard bounded = new Guard(Guard.RECEIVER, queue, UnboundedQueues.UNBOUNDED, false);
      terminals.add(
          new MethodFacts.GuardedTerminal(
              send, ImmutableList.<Guard>builder().addAll(guards).add(bounded).build()));
    }

    /** The final instance field of this walk's class that {@code e} reads off {@code this}. */
    private @Nullable VarSymbol ownFinalField(@Nullable ExpressionTree e) {
      if (e == null || !reader.hasThis()) {
        return null;
      }
      ExpressionTree read = ASTHelpers.stripParentheses(e);
      boolean offThis =
          read instanceof IdentifierTree
              || (read instanceof MemberSelectTree select
                  && reader.isThis(ASTHelpers.stripParentheses(select.getExpression())));
      return offThis
              && ASTHelpers.getSymbol(read) instanceof VarSymbol field
              && field.getKind() == ElementKind.FIELD
              && !field.isStatic()
              && (field.flags() & Flags.FINAL) != 0
              && field.owner.equals(reader.frame)
          ? field
          : null;
    }

    private void addCall(@Nullable SymbolicCall call) {
      if (call != null) {
        SymbolicCall guarded = call.guardedBy(guards);
        calls.add(
            heldMonitors.isEmpty() && notHeld == null
                ? guarded
                : guarded.at(new MonitorsAtCall(heldMonitors, notHeld)));
      }
    }

    /** Walks {@code tree}, a child of the current node, with {@code more} guards. */
    private void scanGuarded(@Nullable Tree tree, ImmutableList<Guard> more) {
      scanGuarded(tree, more, null);
    }

    /**
     * Walks {@code tree}, a child of the current node, with {@code more} guards and, if not null,
     * {@code without} known not to be held.
     */
    private void scanGuarded(
        @Nullable Tree tree, ImmutableList<Guard> more, @Nullable AccessPath without) {
      if (tree == null) {
        return;
      }
      ImmutableList<Guard> outer = guards;
      AccessPath outerNotHeld = notHeld;
      if (!more.isEmpty()) {
        guards = ImmutableList.<Guard>builder().addAll(outer).addAll(more).build();
      }
      if (without != null) {
        notHeld = without;
      }
      try {
        scan(tree, null);
      } finally {
        guards = outer;
        notHeld = outerNotHeld;
      }
    }

    private ImmutableList<Guard> implied(ExpressionTree condition, boolean outcome) {
      return Guard.implied(condition, outcome, reader);
    }

    private @Nullable AccessPath notHeldWhen(ExpressionTree condition, boolean outcome) {
      return HoldsLockConditions.notHeldWhen(condition, outcome, paths::pathOf, state);
    }

    @Override
    public Void visitIf(IfTree tree, Void unused) {
      ExpressionTree condition = tree.getCondition();
      scanGuarded(condition, ImmutableList.of());
      scanGuarded(tree.getThenStatement(), implied(condition, true), notHeldWhen(condition, true));
      scanGuarded(
          tree.getElseStatement(), implied(condition, false), notHeldWhen(condition, false));
      return null;
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
      ExpressionTree condition = tree.getCondition();
      scanGuarded(condition, ImmutableList.of());
      scanGuarded(tree.getTrueExpression(), implied(condition, true), notHeldWhen(condition, true));
      scanGuarded(
          tree.getFalseExpression(), implied(condition, false), notHeldWhen(condition, false));
      return null;
    }

    /** After {@code if (c) return;} (or throw, break, continue), the rest of a block runs if !c. */
    @Override
    public Void visitBlock(BlockTree tree, Void unused) {
      ImmutableList.Builder<Guard> after = ImmutableList.builder();
      AccessPath notHeldAfter = null;
      for (StatementTree statement : tree.getStatements()) {
        scanGuarded(statement, after.build(), notHeldAfter);
        if (statement instanceof IfTree exit
            && exit.getElseStatement() == null
            && leaves(exit.getThenStatement())) {
          after.addAll(implied(exit.getCondition(), false));
          AccessPath without = notHeldWhen(exit.getCondition(), false);
          notHeldAfter = without != null ? without : notHeldAfter;
        }
      }
      return null;
    }

    @Override
    public Void visitSwitch(SwitchTree tree, Void unused) {
      scanCases(tree.getExpression(), tree.getCases());
      return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
      scanCases(tree.getExpression(), tree.getCases());
      return null;
    }

    /**
     * A case on a parameter runs only when the parameter is its one constant label: a {@code ->}
     * case, or a {@code :} case that no earlier case falls into.
     */
    private void scanCases(ExpressionTree selector, List<? extends CaseTree> cases) {
      scanGuarded(selector, ImmutableList.of());
      CaseTree previous = null;
      // The labels whose code runs at the current case: its own, and those of the empty cases
      // just before it, which fall into it. Null once other code may fall into it.
      Value labels = null;
      for (CaseTree tree : cases) {
        boolean fresh =
            tree.getCaseKind() == CaseTree.CaseKind.RULE
                || previous == null
                || (!previous.getStatements().isEmpty()
                    && leaves(previous.getStatements().get(previous.getStatements().size() - 1)));
        boolean joinsLabels = !fresh && previous.getStatements().isEmpty() && labels != null;
        Value group = joinsLabels ? labels : null;
        boolean decidable = (fresh || joinsLabels) && !tree.getExpressions().isEmpty();
        for (ExpressionTree expression : tree.getExpressions()) {
          Value label = ValueFlow.originValue(expression);
          if (!label.isConstant()) {
            decidable = false;
            break;
          }
          group = group == null ? label : group.join(label);
        }
        labels = decidable ? group : null;
        ImmutableList<Guard> onCase = ImmutableList.of();
        if (labels != null && labels.isConstantOrOneOf()) {
          Guard guard = Guard.on(selector, labels, true, reader);
          if (guard != null) {
            onCase = ImmutableList.of(guard);
          }
        }
        scanGuarded(tree, onCase);
        previous = tree;
      }
    }

    /** Whether {@code statement} always leaves the code around it (return, throw, ...). */
    private boolean leaves(StatementTree statement) {
      StatementTree last = statement;
      while (last instanceof BlockTree block && !block.getStatements().isEmpty()) {
        last = block.getStatements().get(block.getStatements().size() - 1);
      }
      return last instanceof ReturnTree
          || last instanceof ThrowTree
          || last instanceof BreakTree
          || last instanceof ContinueTree;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null; // A local or anonymous class's methods are nodes of their own.
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
      takesMonitors = true;
      scan(tree.getExpression(), null);
      AccessPath monitor = paths.pathOf(ASTHelpers.stripParentheses(tree.getExpression()));
      ImmutableSet<AccessPath> outer = heldMonitors;
      if (monitor != null) {
        heldMonitors = ImmutableSet.<AccessPath>builder().addAll(outer).add(monitor).build();
      }
      try {
        return scan(tree.getBlock(), null);
      } finally {
        heldMonitors = outer;
      }
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return immediate.contains(tree) ? super.visitLambdaExpression(tree, null) : null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      if (immediate.contains(tree)) {
        if (classifier.isBlockingSend(tree, state.withPath(getCurrentPath()))) {
          addTerminal(sendHere(tree));
        } else {
          addCall(reader.read(getCurrentPath()));
        }
      }
      return super.visitMemberReference(tree, null);
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      VarSymbol variable = ASTHelpers.getSymbol(tree);
      // The method may belong to a class javac has not flow-analysed yet (ProgramFlow).
      if (variable != null && values.program().isEffectivelyFinal(variable)) {
        AccessPath lock = lockOfNewCondition(tree.getInitializer(), paths);
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
          addSend(call);
        } else if (isUntimedWait(call, callee, here)) {
          if (waits.counts(getCurrentPath(), here)) {
            addTerminal(
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
          addCall(reader.read(getCurrentPath()));
        }
        markImmediate(call, call.getArguments(), here);
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitNewClass(NewClassTree creation, Void unused) {
      // An anonymous class's constructor runs its initializers, which are no part of this walk.
      addCall(reader.constructor(creation, getCurrentPath()));
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

    /** What a wait releases: the receiver's monitor, or for a Condition the lock it came from. */
    @Nullable
    private AccessPath waitedMonitor(MethodInvocationTree call, MethodSymbol callee) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      AccessPath target = receiver == null ? AccessPath.self() : paths.pathOf(receiver);
      if (target == null || callee.getSimpleName().contentEquals("wait")) {
        return target;
      }
      if (target.root() == AccessPath.Root.LOCAL && target.members().isEmpty()) {
        AccessPath lock = localConditions.get(target.rootSymbol());
        return lock != null ? lock : target;
      }
      Symbol last =
          target.members().isEmpty() ? null : target.members().get(target.members().size() - 1);
      if (last instanceof VarSymbol) {
        Optional<AccessPath> owner = conditionOwner((VarSymbol) last);
        if (owner.isPresent()) {
          AccessPath lock = owner.get();
          if (lock.root() == AccessPath.Root.STATIC_FIELD) {
            return lock;
          }
          AccessPath object = target.parent();
          return object == null ? target : lock.rebase(object);
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
      String file = fileName(unit);
      long line = lineOf(unit, call);
      return kind == BlockingOperation.Kind.WAIT
          ? BlockingOperation.waiting(text, file, line, getCurrentPath())
          : BlockingOperation.send(text, file, line, getCurrentPath());
    }
  }
}

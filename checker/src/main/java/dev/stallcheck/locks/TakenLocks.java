package dev.stallcheck.locks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.stallcheck.flow.CallTargets;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The locks some code may take, itself or in the methods it calls up to {@link #MAX_CALL_DEPTH}
 * calls down, named as no single frame names them: lock fields by their declaration, monitors by
 * the class of the object. Answers whether a lock held elsewhere may be one of them. Code that
 * takes a lock it cannot name (a {@code Lock} in a local, {@code synchronized} on an {@code
 * Object}-typed expression), or that is too large to read, may take any lock of that kind.
 */
public final class TakenLocks {
  /** How many calls below the code are read: a consumer's loop and the helpers it runs. */
  private static final int MAX_CALL_DEPTH = 4;

  /** Past this many bodies the code is taken to possibly take every lock. */
  private static final int MAX_BODIES = 300;

  private final Set<VarSymbol> fields = new HashSet<>();
  private final Set<ClassSymbol> monitors = new HashSet<>();

  /** The classes of the lock objects taken: of the lock fields, and of other expressions. */
  private final Set<ClassSymbol> lockClasses = new HashSet<>();

  /** The classes of lock objects taken through an expression other than a field (a local). */
  private final Set<ClassSymbol> aliasedLockClasses = new HashSet<>();

  private boolean anyMonitor;
  private boolean anyLock;

  private TakenLocks() {}

  /** Locks taken by code that cannot be told: any lock. */
  public static TakenLocks any() {
    TakenLocks taken = new TakenLocks();
    taken.anyMonitor = true;
    taken.anyLock = true;
    return taken;
  }

  /**
   * The locks {@code code} (methods and lambdas of the compilation) may take; other code (a class's
   * initializers) may take any lock.
   */
  public static TakenLocks within(List<TreePath> code, VisitorState state) {
    return within(code, WaitedMonitor.unknown(), state);
  }

  /**
   * The locks {@code code} may take, apart from the monitor {@code waited} that a producer waits on
   * (taken in the bodies that name it through their {@code this}, and in the methods they call on
   * {@code this}).
   */
  public static TakenLocks within(List<TreePath> code, WaitedMonitor waited, VisitorState state) {
    TakenLocks taken = new TakenLocks();
    if (!code.stream()
        .allMatch(
            path ->
                path.getLeaf() instanceof MethodTree
                    || path.getLeaf() instanceof LambdaExpressionTree)) {
      return any();
    }
    CompilationIndex index = CompilationIndex.instance(state.context);
    CallTargets targets = CallTargets.instance(state.context);
    // A body read as any object's code covers its reading as the waited object's.
    Set<Tree> seen = new HashSet<>();
    Set<Tree> seenAsWaited = new HashSet<>();
    Deque<Body> level = new ArrayDeque<>();
    for (TreePath path : code) {
      level.add(new Body(path, waited.ownBodies().contains(path.getLeaf())));
    }
    for (int depth = 0; !level.isEmpty(); depth++) {
      Deque<Body> next = new ArrayDeque<>();
      for (Body body : level) {
        Tree leaf = body.path().getLeaf();
        if (seen.contains(leaf) || !(body.ownsWaited() ? seenAsWaited : seen).add(leaf)) {
          continue;
        }
        if (seen.size() + seenAsWaited.size() > MAX_BODIES) {
          return any();
        }
        boolean callsToo = depth < MAX_CALL_DEPTH;
        taken
            .new Reader(
                index,
                targets,
                state.getTypes(),
                callsToo ? next : null,
                body.ownsWaited() ? waited : null,
                body.path())
            .scan(body.path(), null);
      }
      level = next;
    }
    return taken;
  }

  /** Code to read, and whether its {@code this} is the waited object. */
  private record Body(TreePath path, boolean ownsWaited) {}

  /**
   * Whether {@code lock}, held by code of class {@code frame} (its path is in that code's frame),
   * may be one these take: the same field, or a monitor of a class in the same hierarchy. A lock
   * whose object these cannot tell from others (a local, a call's result) may be.
   */
  public boolean mayTake(HeldLock lock, @Nullable ClassSymbol frame, VisitorState state) {
    Types types = state.getTypes();
    boolean monitor = lock.kind() == LockKind.MONITOR;
    if (monitor ? anyMonitor : anyLock) {
      return true;
    }
    AccessPath path = lock.path();
    Symbol last = path.lastMember();
    if (last == null && path.root() == AccessPath.Root.STATIC_FIELD) {
      last = path.rootSymbol();
    }
    if (last instanceof VarSymbol field && field.getKind() == ElementKind.FIELD) {
      return fields.contains(field)
          || (monitor
              ? takesMonitorOf(field.type, types)
              : mayAlias(field, ProgramFlow.instance(state.context), types));
    }
    if (last != null) {
      return true; // an accessor's result: any object
    }
    switch (path.root()) {
      case THIS -> {
        ClassSymbol self = path.rootSymbol() instanceof ClassSymbol named ? named : frame;
        return !monitor || self == null || takesMonitorOf(self.type, types);
      }
      case PARAMETER, LOCAL -> {
        Symbol variable = path.rootSymbol();
        return variable == null
            || (monitor
                ? takesMonitorOf(variable.type, types)
                : related(variable.type, lockClasses, types));
      }
      default -> {
        return true;
      }
    }
  }

  /**
   * Whether a monitor these take may be that of an object of {@code type}. A plain {@code Object}
   * is a lock object: only code that names it (its field) or any monitor takes it.
   */
  private boolean takesMonitorOf(Type type, Types types) {
    if (!(type.tsym instanceof ClassSymbol owner)) {
      return true;
    }
    if (owner.getQualifiedName().contentEquals("java.lang.Object")) {
      return false;
    }
    return related(type, monitors, types);
  }

  /**
   * Whether a lock these take through a local may be the one in {@code field}: its class is one the
   * field's objects may have. When every value the compilation stores in a field it alone can
   * assign (private or final) is a {@code new X(..)}, the field's objects are exactly those
   * classes.
   */
  private boolean mayAlias(VarSymbol field, ProgramFlow flow, Types types) {
    if ((field.flags() & (Flags.PRIVATE | Flags.FINAL)) == 0) {
      return related(field.type, aliasedLockClasses, types);
    }
    List<TreePath> values = flow.assignmentsTo(field);
    if (values.isEmpty()) {
      return related(field.type, aliasedLockClasses, types);
    }
    for (TreePath value : values) {
      if (!(value.getLeaf() instanceof NewClassTree created)) {
        return related(field.type, aliasedLockClasses, types);
      }
      Type type = ASTHelpers.getType(created);
      if (type == null || !(type.tsym instanceof ClassSymbol exact)) {
        return true;
      }
      for (ClassSymbol alias : aliasedLockClasses) {
        if (exact.isSubClass(alias, types)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a class of {@code classes} is {@code type}'s class, a subclass or a superclass. */
  private static boolean related(Type type, Set<ClassSymbol> classes, Types types) {
    if (!(type.tsym instanceof ClassSymbol owner)) {
      return true;
    }
    for (ClassSymbol taken : classes) {
      if (taken.isSubClass(owner, types) || owner.isSubClass(taken, types)) {
        return true;
      }
    }
    return false;
  }

  /** Reads one body's lock operations, and queues the bodies its calls run. */
  private final class Reader extends LazyPathScanner<Void, Void> {
    private final CompilationIndex index;
    private final CallTargets targets;
    private final Types types;
    private final @Nullable Deque<Body> callees;

    /** The waited monitor, when this body's {@code this} is its object; else null. */
    private final @Nullable WaitedMonitor waited;

    /** The class whose {@code this} the body runs on, when the waited monitor is asked about. */
    private final @Nullable ClassSymbol self;

    Reader(
        CompilationIndex index,
        CallTargets targets,
        Types types,
        @Nullable Deque<Body> callees,
        @Nullable WaitedMonitor waited,
        TreePath body) {
      this.index = index;
      this.targets = targets;
      this.types = types;
      this.callees = callees;
      this.waited = waited;
      ClassTree owner = waited == null ? null : ASTHelpers.findEnclosingNode(body, ClassTree.class);
      this.self = owner == null ? null : ASTHelpers.getSymbol(owner);
    }

    /** Whether the monitor of {@code lock}, taken in this body, is the waited one. */
    private boolean isWaited(@Nullable ExpressionTree lock) {
      if (waited == null || self == null) {
        return false;
      }
      if (lock == null || BareExpression.isPlainThis(lock)) {
        return waited.field() == null;
      }
      return waited.field() != null
          && waited.field().equals(ASTHelpers.getSymbol(lock))
          && BareExpression.isOwnMember(lock)
          && self.isSubClass(waited.field().owner, types);
    }

    /** Whether {@code call}, on {@code receiver}, runs on this body's {@code this}. */
    private boolean onOwnThis(MethodSymbol callee, @Nullable ExpressionTree receiver) {
      return waited != null
          && self != null
          && !callee.isStatic()
          && !callee.isConstructor()
          && (receiver == null || BareExpression.isPlainThis(receiver))
          && self.isSubClass(callee.owner, types);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      // A class declared in the code runs when it is called, through the calls that reach it.
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      MethodSymbol method = ASTHelpers.getSymbol(tree);
      if (method != null
          && (method.flags() & Flags.SYNCHRONIZED) != 0
          && !method.isStatic()
          && !isWaited(null)
          && method.owner instanceof ClassSymbol owner) {
        monitors.add(owner);
      }
      return super.visitMethod(tree, null);
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
      ExpressionTree lock = ASTHelpers.stripParentheses(tree.getExpression());
      if (isWaited(lock)) {
        return super.visitSynchronized(tree, null);
      }
      Symbol symbol = ASTHelpers.getSymbol(lock);
      Type type = ASTHelpers.getType(lock);
      boolean field =
          symbol instanceof VarSymbol variable && variable.getKind() == ElementKind.FIELD;
      if (field) {
        fields.add((VarSymbol) symbol);
      }
      if (type != null
          && type.tsym instanceof ClassSymbol typeClass
          && !typeClass.isInterface()
          && !typeClass.getQualifiedName().contentEquals("java.lang.Object")) {
        monitors.add(typeClass);
      } else if (!field) {
        // An Object or an interface: the monitor of any object.
        anyMonitor = true;
      }
      return super.visitSynchronized(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (tree.getMethodSelect() instanceof MemberSelectTree select
          && LockSites.isTaking(select.getIdentifier().toString())) {
        lockedObject(select.getExpression());
      }
      call(tree, ASTHelpers.getReceiver(tree));
      return super.visitMethodInvocation(tree, null);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      call(tree, null);
      return super.visitNewClass(tree, null);
    }

    /**
     * The object a taking call locks ({@code lock} in {@code lock.lock()}, {@code rw} in {@code
     * rw.readLock().lock()}): a field, or a lock this cannot name.
     */
    private void lockedObject(ExpressionTree receiver) {
      ExpressionTree object = ASTHelpers.stripParentheses(receiver);
      while (object instanceof MethodInvocationTree view
          && view.getMethodSelect() instanceof MemberSelectTree select
          && LockSites.isTaking(select.getIdentifier().toString())) {
        object = ASTHelpers.stripParentheses(select.getExpression());
      }
      Type type = ASTHelpers.getType(object);
      ClassSymbol lockClass =
          type != null && type.tsym instanceof ClassSymbol symbol && !symbol.isInterface()
              ? symbol
              : null;
      if (ASTHelpers.getSymbol(object) instanceof VarSymbol field
          && field.getKind() == ElementKind.FIELD) {
        fields.add(field);
        if (lockClass != null) {
          lockClasses.add(lockClass);
        }
      } else if (lockClass != null) {
        lockClasses.add(lockClass);
        aliasedLockClasses.add(lockClass);
      } else {
        // A Lock or ReadWriteLock in a local: a view of any lock.
        anyLock = true;
      }
    }

    /** Queues the bodies of the compilation that the call may run. */
    private void call(ExpressionTree call, @Nullable ExpressionTree receiver) {
      if (callees == null || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol callee)) {
        return;
      }
      boolean ownThis = onOwnThis(callee, receiver);
      if (CallTargets.runsDeclaredBody(callee, receiver)
          || !(callee.owner instanceof ClassSymbol owner)) {
        TreePath body = index.declaration(callee);
        if (body != null) {
          callees.add(new Body(body, ownThis));
        }
        return;
      }
      ClassSymbol staticType = CallTargets.receiverClass(receiver, owner, types);
      for (CallTargets.Target target : targets.resolve(callee, staticType, null)) {
        TreePath body = index.declaration(target.body());
        if (body != null) {
          callees.add(new Body(body, ownThis));
        }
      }
    }
  }
}

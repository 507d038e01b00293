package dev.stallcheck.summary;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.CompilationScan;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.summary.WakeUps.Waker;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Which code may make room for a capacity wait: change what the wait's condition reads. A wake-up
 * lets the waiting thread go on only together with such a change, so a waker that changes none of
 * it on the way through its wake-up (it tells a writer thread to start a batch, and drains the
 * buffer itself only in a branch where no writer thread exists) merely hurries the thread that
 * makes the room: it is no consumer whose locks could keep the room from being made. The callers of
 * such a waker count when they change the state themselves (a loop that takes an element, then
 * calls a method that only signals).
 *
 * <p>The condition's state is the fields it reads. A change is a write of one of them other than an
 * increment (which can only fill), a call on one other than a read or an addition, and any use that
 * lets the object out (passed, stored, returned), since what the other reference does cannot be
 * told. Changes are looked for wherever the fields can be named: a private field's top-level class,
 * a package-private field's package, a protected field's package and subclasses. A condition that
 * reads anything else (a local's object, the result of a call on something other than such a field,
 * a public field) leaves every waker a possible room maker.
 */
final class RoomMaking {
  /** How many calls above a change a method is still taken to make room. */
  private static final int MAX_CALLER_DEPTH = 2;

  /** Calls that read a buffer, a count or a flag and leave it as it was. */
  private static final ImmutableSet<String> READS =
      ImmutableSet.of(
          "size",
          "isEmpty",
          "get",
          "getOrDefault",
          "contains",
          "containsKey",
          "containsValue",
          "peek",
          "peekFirst",
          "peekLast",
          "element",
          "getFirst",
          "getLast",
          "firstKey",
          "lastKey",
          "remainingCapacity",
          "intValue",
          "longValue",
          "getAcquire",
          "getOpaque",
          "getPlain",
          "equals",
          "hashCode",
          "toString",
          "notify",
          "notifyAll",
          "wait");

  /** Calls that add to a buffer or count up: they can only make it fuller. */
  private static final ImmutableSet<String> FILLS =
      ImmutableSet.of(
          "add",
          "addAll",
          "addFirst",
          "addLast",
          "offer",
          "offerFirst",
          "offerLast",
          "put",
          "putAll",
          "putIfAbsent",
          "push",
          "incrementAndGet",
          "getAndIncrement");

  /** The uses of the condition's fields that may change them. */
  private final List<TreePath> changes;

  /**
   * The methods that change the condition's state, or call one that does at most {@link
   * #MAX_CALLER_DEPTH} calls up; never a waker, whose own code is read with its branches.
   */
  private final Set<Symbol> makers;

  private final CompilationIndex index;

  private RoomMaking(List<TreePath> changes, Set<Symbol> makers, CompilationIndex index) {
    this.changes = changes;
    this.makers = makers;
    this.index = index;
  }

  /**
   * What may make room for the wait at {@code waitCall}, woken by {@code wakers}; null when the
   * state it waits on cannot be told, so that any waker may make room.
   */
  static @Nullable RoomMaking of(
      TreePath waitCall, List<Waker> wakers, VisitorState state, BlockingSummaries summaries) {
    ExpressionTree condition = CapacityWait.capacityCondition(waitCall, state);
    Set<VarSymbol> fields = condition == null ? null : fieldsRead(condition);
    if (fields == null || fields.isEmpty()) {
      return null;
    }
    CompilationIndex index = CompilationIndex.instance(state.context);
    Set<TreePath> scopes = new LinkedHashSet<>();
    for (VarSymbol field : fields) {
      if (!addScope(field, index, state, scopes)) {
        return null;
      }
    }
    List<TreePath> changes = new ArrayList<>();
    Set<Symbol> direct = new LinkedHashSet<>();
    Set<Tree> scanned = new HashSet<>();
    for (TreePath scope : scopes) {
      if (scanned.add(scope.getLeaf())) {
        new ChangeFinder(fields, changes, direct).scan(scope, null);
      }
    }
    Set<Symbol> wakerMethods = new HashSet<>();
    for (Waker waker : wakers) {
      if (waker.code().getLeaf() instanceof MethodTree method) {
        wakerMethods.add(ASTHelpers.getSymbol(method));
      }
    }
    return new RoomMaking(changes, callersUpTo(direct, wakerMethods, state, summaries), index);
  }

  /** Whether {@code waker} may change the condition's state on a path through a wake-up. */
  boolean makesRoom(Waker waker) {
    if (!(waker.code().getLeaf() instanceof MethodTree)) {
      return true;
    }
    for (TreePath wakeUp : waker.wakeUps()) {
      Set<Tree> otherBranches = branchesAvoiding(wakeUp, waker.code().getLeaf());
      for (TreePath change : changes) {
        if (within(change, waker.code().getLeaf(), otherBranches)) {
          return true;
        }
      }
      if (callsMaker(waker.code(), otherBranches)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the method or lambda {@code body} may change the condition's state. */
  boolean makesRoom(Symbol body) {
    return makers.contains(body);
  }

  /**
   * The fields {@code condition} reads, if that is all it reads of shared state; null when it also
   * reads something these cannot follow (a call on a local, or on {@code this}).
   */
  private static @Nullable Set<VarSymbol> fieldsRead(ExpressionTree condition) {
    Set<VarSymbol> fields = new LinkedHashSet<>();
    boolean[] followed = {true};
    condition.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree tree, Void unused) {
            addField(ASTHelpers.getSymbol(tree), tree);
            return null;
          }

          @Override
          public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
            Symbol member = ASTHelpers.getSymbol(tree);
            if (member instanceof VarSymbol
                && member.getSimpleName().contentEquals("length")
                && ASTHelpers.getType(tree.getExpression()) != null
                && ASTHelpers.getType(tree.getExpression()).getKind() == TypeKind.ARRAY) {
              return super.visitMemberSelect(tree, null);
            }
            addField(member, tree);
            return super.visitMemberSelect(tree, null);
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            MethodSymbol method = ASTHelpers.getSymbol(call);
            ExpressionTree receiver = ASTHelpers.getReceiver(call);
            if (method == null) {
              followed[0] = false;
            } else if (!method.isStatic()) {
              Symbol object = receiver == null ? null : ASTHelpers.getSymbol(receiver);
              if (object instanceof VarSymbol variable
                  && variable.getKind() == ElementKind.FIELD
                  && !BareExpression.isThis(receiver)) {
                scan(receiver, null);
              } else {
                followed[0] = false;
              }
            }
            scan(call.getArguments(), null);
            return null;
          }

          private void addField(@Nullable Symbol symbol, ExpressionTree read) {
            if (BareExpression.isThis(read)
                || (read instanceof IdentifierTree self && self.getName().contentEquals("super"))) {
              return; // the object whose fields are read
            }
            if (symbol instanceof VarSymbol field
                && field.getKind() == ElementKind.FIELD
                && ASTHelpers.constValue(read) == null) {
              fields.add(field);
            } else if (symbol instanceof VarSymbol local
                && local.getKind() != ElementKind.FIELD
                && !local.type.isPrimitive()
                && ASTHelpers.constValue(read) == null) {
              // An object in a local: what changes it cannot be found by its name.
              followed[0] = false;
            }
          }
        },
        null);
    return followed[0] ? fields : null;
  }

  /**
   * Adds the code that can name {@code field} to {@code scopes}: its top-level class's file when
   * private, its package's files when package-private, and its subclasses' files too when
   * protected. False when any code may (a public field).
   */
  private static boolean addScope(
      VarSymbol field, CompilationIndex index, VisitorState state, Set<TreePath> scopes) {
    if (!(field.owner instanceof ClassSymbol owner) || !index.declares(owner)) {
      return false;
    }
    if ((field.flags() & Flags.PRIVATE) != 0) {
      TreePath outermost = index.declaration(owner.outermostClass());
      if (outermost == null) {
        return false;
      }
      scopes.add(new TreePath(outermost.getCompilationUnit()));
      return true;
    }
    if ((field.flags() & Flags.PUBLIC) != 0) {
      return false;
    }
    if ((field.flags() & Flags.PROTECTED) != 0) {
      for (ClassSymbol type : CompilationScan.instance(state.context).classes()) {
        TreePath declaration = index.declaration(type);
        if (declaration != null && type != owner && type.isSubClass(owner, state.getTypes())) {
          scopes.add(new TreePath(declaration.getCompilationUnit()));
        }
      }
    }
    if (!(owner.outermostClass().getEnclosingElement() instanceof PackageElement pkg)) {
      return false;
    }
    for (CompilationUnitTree unit : CompilationIndex.units(state.context)) {
      String name = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
      if (pkg.getQualifiedName().contentEquals(name)) {
        scopes.add(new TreePath(unit));
      }
    }
    return true;
  }

  /**
   * The methods that call one of {@code direct}, or call such a caller, up to {@link
   * #MAX_CALLER_DEPTH} calls up, with {@code direct} itself; never through a waker.
   */
  private static Set<Symbol> callersUpTo(
      Set<Symbol> direct, Set<Symbol> wakers, VisitorState state, BlockingSummaries summaries) {
    Set<Symbol> makers = new LinkedHashSet<>();
    Deque<Symbol> level = new ArrayDeque<>();
    for (Symbol method : direct) {
      if (!wakers.contains(method) && makers.add(method)) {
        level.add(method);
      }
    }
    for (int depth = 0; depth < MAX_CALLER_DEPTH && !level.isEmpty(); depth++) {
      Deque<Symbol> next = new ArrayDeque<>();
      for (Symbol method : level) {
        if (!(method instanceof MethodSymbol callee)) {
          continue;
        }
        List<MethodSymbol> named =
            new ArrayList<>(ASTHelpers.findSuperMethods(callee, state.getTypes()));
        named.add(callee);
        for (MethodSymbol name : named) {
          for (Symbol caller : summaries.bodiesCalling(name)) {
            if (!wakers.contains(caller) && makers.add(caller)) {
              next.add(caller);
            }
          }
        }
      }
      level = next;
    }
    return makers;
  }

  /**
   * The branches of the {@code if}s around {@code wakeUp} (inside {@code code}) that the wake-up is
   * not in: a run that wakes the waiter does not take them.
   */
  private static Set<Tree> branchesAvoiding(TreePath wakeUp, Tree code) {
    Set<Tree> others = new HashSet<>();
    Tree child = wakeUp.getLeaf();
    for (TreePath path = wakeUp.getParentPath();
        path != null && child != code;
        path = path.getParentPath()) {
      if (path.getLeaf() instanceof IfTree branch) {
        if (child == branch.getThenStatement() && branch.getElseStatement() != null) {
          others.add(branch.getElseStatement());
        } else if (child == branch.getElseStatement()) {
          others.add(branch.getThenStatement());
        }
      }
      child = path.getLeaf();
    }
    return others;
  }

  /** Whether {@code path} lies inside {@code code} and outside every tree of {@code excluded}. */
  private static boolean within(TreePath path, Tree code, Set<Tree> excluded) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (excluded.contains(p.getLeaf())) {
        return false;
      }
      if (p.getLeaf() == code) {
        return true;
      }
    }
    return false;
  }

  /** Whether the code at {@code code}, outside {@code excluded}, calls a method that makes room. */
  private boolean callsMaker(TreePath code, Set<Tree> excluded) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] || tree == null || excluded.contains(tree)) {
          return null;
        }
        return super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        called(ASTHelpers.getSymbol(call));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree call, Void unused) {
        called(ASTHelpers.getSymbol(call));
        return super.visitNewClass(call, null);
      }

      private void called(@Nullable MethodSymbol callee) {
        if (callee != null
            && (makers.contains(callee)
                || index.overridersOf(callee).stream().anyMatch(makers::contains))) {
          found[0] = true;
        }
      }
    }.scan(code.getLeaf(), null);
    return found[0];
  }

  /** Finds the uses of the condition's fields that may change them, and the methods they are in. */
  private static final class ChangeFinder extends LazyPathScanner<Void, Void> {
    private final Set<VarSymbol> fields;
    private final List<TreePath> changes;
    private final Set<Symbol> methods;

    ChangeFinder(Set<VarSymbol> fields, List<TreePath> changes, Set<Symbol> methods) {
      this.fields = fields;
      this.changes = changes;
      this.methods = methods;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      use(tree);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      use(tree);
      return super.visitMemberSelect(tree, null);
    }

    private void use(ExpressionTree tree) {
      if (!(ASTHelpers.getSymbol(tree) instanceof VarSymbol field) || !fields.contains(field)) {
        return;
      }
      TreePath path = getCurrentPath();
      if (!mayChange(path, field)) {
        return;
      }
      TreePath method = enclosingMethod(path);
      if (method == null) {
        return; // a field initializer: set-up, before any thread can wait
      }
      MethodSymbol symbol = ASTHelpers.getSymbol((MethodTree) method.getLeaf());
      if (symbol.isConstructor() && namesOwnField(tree)) {
        return; // the object being built: no thread waits on it yet
      }
      changes.add(path);
      methods.add(symbol);
    }

    /** Whether the use of a field at {@code use} may change its value or its object. */
    private static boolean mayChange(TreePath use, VarSymbol field) {
      Tree child = use.getLeaf();
      TreePath parentPath = use.getParentPath();
      while (parentPath.getLeaf() instanceof ParenthesizedTree) {
        child = parentPath.getLeaf();
        parentPath = parentPath.getParentPath();
      }
      Tree parent = parentPath.getLeaf();
      // A count or a flag is copied where it is read; an object is shared with whatever gets it.
      boolean shared = !isValue(field);
      if (parent instanceof AssignmentTree assignment) {
        return assignment.getVariable() == child || shared;
      }
      if (parent instanceof CompoundAssignmentTree compound) {
        return compound.getVariable() == child
            ? compound.getKind() != Tree.Kind.PLUS_ASSIGNMENT
            : shared;
      }
      if (parent instanceof UnaryTree unary) {
        return switch (unary.getKind()) {
          case POSTFIX_DECREMENT, PREFIX_DECREMENT -> true;
          default -> false;
        };
      }
      if (parent instanceof MemberSelectTree select && select.getExpression() == child) {
        Tree above = parentPath.getParentPath().getLeaf();
        if (above instanceof MethodInvocationTree call && call.getMethodSelect() == select) {
          String name = select.getIdentifier().toString();
          return !READS.contains(name) && !FILLS.contains(name);
        }
        return false; // a member of the object (an array's length): its own use tells
      }
      if (parent instanceof ArrayAccessTree access) {
        return access.getExpression() == child && writesElement(parentPath);
      }
      if (parent instanceof ConditionalExpressionTree conditional) {
        return conditional.getCondition() != child && shared;
      }
      if (parent instanceof BinaryTree
          || parent instanceof IfTree
          || parent instanceof InstanceOfTree
          || parent instanceof SynchronizedTree
          || parent instanceof WhileLoopTree
          || parent instanceof DoWhileLoopTree
          || parent instanceof ForLoopTree) {
        return false; // read in a test or a lock
      }
      // Passed, stored, returned, looped over: an object lets the other code change it.
      return shared;
    }

    /** Whether {@code field} holds a value (a number, a flag, a string), not a mutable object. */
    private static boolean isValue(VarSymbol field) {
      if (field.type.isPrimitive()) {
        return true;
      }
      String name = field.type.tsym.getQualifiedName().toString();
      return name.equals("java.lang.String")
          || (name.startsWith("java.lang.")
              && switch (name.substring("java.lang.".length())) {
                case "Integer",
                    "Long",
                    "Short",
                    "Byte",
                    "Boolean",
                    "Character",
                    "Double",
                    "Float" ->
                    true;
                default -> false;
              })
          || (field.type.tsym.flags() & Flags.ENUM) != 0;
    }

    /** Whether the array element at {@code access} is written: assigned, or counted down. */
    private static boolean writesElement(TreePath access) {
      Tree parent = access.getParentPath().getLeaf();
      return (parent instanceof AssignmentTree assignment
              && assignment.getVariable() == access.getLeaf())
          || (parent instanceof CompoundAssignmentTree compound
              && compound.getVariable() == access.getLeaf())
          || parent instanceof UnaryTree;
    }

    /** Whether {@code use} names the field of {@code this}: plainly, or as {@code this.f}. */
    private static boolean namesOwnField(ExpressionTree use) {
      return use instanceof IdentifierTree
          || (use instanceof MemberSelectTree select
              && BareExpression.isThis(select.getExpression()));
    }

    private static @Nullable TreePath enclosingMethod(TreePath path) {
      for (TreePath p = path; p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof MethodTree) {
          return p;
        }
        if (p.getLeaf() instanceof ClassTree) {
          return null;
        }
      }
      return null;
    }
  }
}

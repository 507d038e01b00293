package dev.stallcheck.locks;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
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
import com.sun.tools.javac.util.Context;
import dev.stallcheck.graph.CompilationIndex;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.BareExpression;
import dev.stallcheck.trees.LazyPathScanner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Where the compilation takes each lock: for an object's monitor, its class's {@code synchronized}
 * instance methods and {@code synchronized (this)} blocks and the {@code synchronized (x)} blocks
 * on an expression of its type; for a lock in a field, the {@code synchronized} blocks on that
 * field and the calls that lock it ({@code lock()}, {@code tryLock()}, {@code readLock()}, ...). A
 * field that escapes (passed, returned, stored elsewhere) can be taken anywhere. Built once per
 * compilation, on first use.
 */
final class LockSites {
  private static final Context.Key<LockSites> KEY = new Context.Key<>();

  /** Calls on a lock that take it, or give a view that is then taken. */
  private static final ImmutableSet<String> TAKING =
      ImmutableSet.of(
          "lock",
          "lockInterruptibly",
          "tryLock",
          "readLock",
          "writeLock",
          "asReadLock",
          "asWriteLock",
          "asReadWriteLock",
          "readLockInterruptibly",
          "writeLockInterruptibly",
          "tryReadLock",
          "tryWriteLock",
          "tryConvertToReadLock",
          "tryConvertToWriteLock");

  /** {@code synchronized} instance methods and {@code synchronized (this)}, by class. */
  private final Map<ClassSymbol, Integer> ownMonitorSites = new HashMap<>();

  /** {@code synchronized (x)} on any other expression, by the class of its static type. */
  private final Map<ClassSymbol, Integer> typedMonitorSites = new HashMap<>();

  private final Map<VarSymbol, Integer> fieldSites = new HashMap<>();
  private final Set<VarSymbol> escapedFields = new HashSet<>();
  private final Map<ClassSymbol, Integer> monitorCounts = new HashMap<>();
  private final Types types;

  private LockSites(Types types) {
    this.types = types;
  }

  /** Whether a call of this name on a lock takes it, or gives a view that is then taken. */
  static boolean isTaking(String methodName) {
    return TAKING.contains(methodName);
  }

  static LockSites instance(Context context) {
    return PerCompilation.instance(context, KEY, () -> build(context));
  }

  /**
   * How many places may take the monitor of an instance of {@code type}: those of its class, its
   * superclasses and its subclasses in the compilation, and {@code synchronized (x)} on an
   * expression whose type is one of those.
   */
  int monitorSites(ClassSymbol type) {
    return monitorCounts.computeIfAbsent(
        type,
        t ->
            count(ownMonitorSites, t, /* supertypesToo= */ true)
                + count(typedMonitorSites, t, /* supertypesToo= */ false));
  }

  /** How many places take the lock in {@code field}; a large number if it escapes. */
  int fieldSites(VarSymbol field) {
    return escapedFields.contains(field) ? Integer.MAX_VALUE : fieldSites.getOrDefault(field, 0);
  }

  /**
   * {@code synchronized (x)} on an expression typed as a supertype ({@code Object}, an interface)
   * could name any object: such code is not counted for a class below it, which is the limit of
   * this index (documented).
   */
  private int count(Map<ClassSymbol, Integer> sites, ClassSymbol type, boolean supertypesToo) {
    int total = 0;
    for (Map.Entry<ClassSymbol, Integer> entry : sites.entrySet()) {
      ClassSymbol other = entry.getKey();
      if (other.isSubClass(type, types) || (supertypesToo && type.isSubClass(other, types))) {
        total += entry.getValue();
      }
    }
    return total;
  }

  private static LockSites build(Context context) {
    LockSites sites = new LockSites(Types.instance(context));
    for (CompilationUnitTree unit : CompilationIndex.units(context)) {
      sites.new Scanner().scan(new TreePath(unit), null);
    }
    return sites;
  }

  private final class Scanner extends LazyPathScanner<Void, Void> {
    private ClassSymbol enclosingClass;

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      ClassSymbol outer = enclosingClass;
      enclosingClass = ASTHelpers.getSymbol(tree);
      super.visitClass(tree, null);
      enclosingClass = outer;
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      MethodSymbol method = ASTHelpers.getSymbol(tree);
      if (method != null
          && enclosingClass != null
          && (method.flags() & Flags.SYNCHRONIZED) != 0
          && !method.isStatic()) {
        ownMonitorSites.merge(enclosingClass, 1, Integer::sum);
      }
      return super.visitMethod(tree, null);
    }

    @Override
    public Void visitSynchronized(SynchronizedTree tree, Void unused) {
      ExpressionTree lock = ASTHelpers.stripParentheses(tree.getExpression());
      Symbol symbol = ASTHelpers.getSymbol(lock);
      if (BareExpression.isThis(lock)) {
        Type self = ASTHelpers.getType(lock);
        if (self != null && self.tsym instanceof ClassSymbol owner) {
          ownMonitorSites.merge(owner, 1, Integer::sum);
        }
      } else if (!(symbol instanceof VarSymbol field && field.getKind() == ElementKind.FIELD)) {
        Type type = ASTHelpers.getType(lock);
        if (type != null && type.tsym instanceof ClassSymbol typeClass) {
          typedMonitorSites.merge(typeClass, 1, Integer::sum);
        }
      }
      // A field's own sites are counted where the field is read
      // (visitIdentifier/visitMemberSelect).
      return super.visitSynchronized(tree, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      fieldUse(ASTHelpers.getSymbol(tree));
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      fieldUse(ASTHelpers.getSymbol(tree));
      return super.visitMemberSelect(tree, null);
    }

    /** Classifies one read of a field: a site that takes it, a neutral use, or an escape. */
    private void fieldUse(Symbol symbol) {
      if (!(symbol instanceof VarSymbol field) || field.getKind() != ElementKind.FIELD) {
        return;
      }
      TreePath use = getCurrentPath();
      while (use.getParentPath().getLeaf() instanceof ParenthesizedTree) {
        use = use.getParentPath();
      }
      Tree parent = use.getParentPath().getLeaf();
      if (parent instanceof SynchronizedTree) {
        fieldSites.merge(field, 1, Integer::sum);
      } else if (parent instanceof MemberSelectTree select
          && use.getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        if (TAKING.contains(select.getIdentifier().toString())) {
          fieldSites.merge(field, 1, Integer::sum);
        }
      } else if (parent instanceof MemberSelectTree) {
        // A member of the object held in the field (its own field): the lock itself stays put.
      } else if (!(parent instanceof AssignmentTree assignment
          && assignment.getVariable() == use.getLeaf())) {
        escapedFields.add(field);
      }
    }
  }
}

package dev.stallcheck.locks;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.stallcheck.flow.ProgramFlow;
import dev.stallcheck.graph.PerCompilation;
import dev.stallcheck.paths.AccessPath;
import dev.stallcheck.paths.BareExpression;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Turns an expression that denotes a lock (or a monitor) into its {@link AccessPath}, seeing
 * through parentheses, casts, effectively final local aliases ({@code Lock l = this.lock;}) and
 * read/write views ({@code rw.readLock()}, or a final field initialized to one).
 */
public final class LockExpressions {
  /** How deep aliases are followed; real code needs one or two steps. */
  private static final int MAX_ALIAS_DEPTH = 4;

  /** {@link #sourceText} of each tree asked about, by the file the question was asked in. */
  private static final Context.Key<Map<CompilationUnitTree, Map<Tree, String>>> SOURCE_TEXTS =
      new Context.Key<>();

  /** A lock expression resolved: the object, and the mode a read/write view selects (or null). */
  record Target(AccessPath path, @Nullable LockKind view) {}

  private LockExpressions() {}

  /**
   * The access path of {@code expression}, evaluated at {@code where} (a path in the same method;
   * its enclosing class is the meaning of an implicit {@code this}). Never null: expressions that
   * are no access path get an unknown path keyed by their source text.
   */
  public static AccessPath pathOf(ExpressionTree expression, TreePath where, VisitorState state) {
    return target(expression, enclosingClass(where), where, state).path();
  }

  /** The class whose {@code this} an implicit receiver at {@code where} refers to. */
  static @Nullable ClassSymbol enclosingClass(TreePath where) {
    for (TreePath p = where; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof com.sun.source.tree.ClassTree clazz) {
        return ASTHelpers.getSymbol(clazz);
      }
    }
    return null;
  }

  static Target target(
      ExpressionTree expression,
      @Nullable ClassSymbol context,
      TreePath where,
      VisitorState state) {
    return resolve(expression, context, where, state, 0);
  }

  /** {@code this} for a call or field access with no written receiver inside {@code context}. */
  static AccessPath implicitThis(Symbol member, @Nullable ClassSymbol context, VisitorState state) {
    for (Symbol c = context; c != null; c = ASTHelpers.enclosingClass(c)) {
      if (c instanceof ClassSymbol clazz && clazz.isSubClass(member.owner, state.getTypes())) {
        return AccessPath.thisOf(clazz);
      }
    }
    return AccessPath.thisOf(member.enclClass());
  }

  private static Target resolve(
      ExpressionTree raw,
      @Nullable ClassSymbol context,
      TreePath where,
      VisitorState state,
      int depth) {
    ExpressionTree expression = BareExpression.of(raw);
    Symbol symbol = ASTHelpers.getSymbol(expression);
    if (expression instanceof IdentifierTree identifier) {
      String name = identifier.getName().toString();
      if (name.equals("this") || name.equals("super")) {
        return thisOfType(expression, context);
      }
      if (symbol instanceof VarSymbol variable) {
        return variable(
            variable, implicitThisIfField(variable, context, state), where, state, depth);
      }
    } else if (expression instanceof MemberSelectTree select) {
      String name = select.getIdentifier().toString();
      if (name.equals("this") || name.equals("super")) {
        return thisOfType(expression, context);
      }
      if (name.equals("class")) {
        Type type = ASTHelpers.getType(select.getExpression());
        if (type != null && type.tsym instanceof ClassSymbol clazz) {
          return new Target(AccessPath.classOf(clazz), null);
        }
      } else if (symbol instanceof VarSymbol field && field.getKind() == ElementKind.FIELD) {
        AccessPath owner =
            field.isStatic()
                ? AccessPath.classOf(field.enclClass())
                : resolve(select.getExpression(), context, where, state, depth).path();
        return variable(field, owner, where, state, depth);
      }
    } else if (expression instanceof MethodInvocationTree call
        && symbol instanceof MethodSymbol method) {
      LockKind view = LockOperations.viewKind(method, state);
      if (view != null) {
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        AccessPath owner =
            receiver == null
                ? implicitThis(method, context, state)
                : resolve(receiver, context, where, state, depth).path();
        return new Target(owner, view);
      }
    }
    return new Target(AccessPath.unknown(sourceText(expression, state)), null);
  }

  private static @Nullable AccessPath implicitThisIfField(
      VarSymbol variable, @Nullable ClassSymbol context, VisitorState state) {
    if (variable.getKind() != ElementKind.FIELD) {
      return null;
    }
    return variable.isStatic()
        ? AccessPath.classOf(variable.enclClass())
        : implicitThis(variable, context, state);
  }

  /**
   * A variable read: a field ({@code owner} non-null) extends its owner's path, a local is its own
   * root; both are replaced by what they alias when that is known for certain.
   */
  private static Target variable(
      VarSymbol variable,
      @Nullable AccessPath owner,
      TreePath where,
      VisitorState state,
      int depth) {
    AccessPath own =
        owner == null
            ? AccessPath.variable(variable)
            : variable.isStatic() ? AccessPath.staticField(variable) : owner.dot(variable);
    if (depth >= MAX_ALIAS_DEPTH
        || own.root() == AccessPath.Root.UNKNOWN
        // Not javac's flag: a callee's class may not be flow-analysed yet (ProgramFlow).
        || !ProgramFlow.instance(state.context).isEffectivelyFinal(variable)) {
      return new Target(own, null);
    }
    Optional<ImmutableList<ExpressionTree>> values =
        AssignmentIndex.allValuesOf(variable, where, state);
    if (values.isEmpty() || values.get().size() != 1) {
      return new Target(own, null);
    }
    ExpressionTree value = values.get().get(0);
    if (owner == null) {
      // A local alias of another lock expression (Lock l = this.lock; Lock r = rw.readLock()).
      Target aliased = resolve(value, enclosingClass(where), where, state, depth + 1);
      return aliased.path().root() == AccessPath.Root.UNKNOWN ? new Target(own, null) : aliased;
    }
    // A final field holding a read/write view (final Lock r = rw.readLock()): the view's lock.
    if (BareExpression.of(value) instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && LockOperations.viewKind(method, state) != null) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      ClassSymbol fieldClass = variable.enclClass();
      AccessPath viewOwner =
          receiver == null
              ? AccessPath.thisOf(fieldClass)
              : resolve(receiver, fieldClass, where, state, depth + 1).path();
      return new Target(viewOwner.rebase(owner), LockOperations.viewKind(method, state));
    }
    return new Target(own, null);
  }

  private static Target thisOfType(ExpressionTree expression, @Nullable ClassSymbol context) {
    Type type = ASTHelpers.getType(expression);
    if (type != null && type.tsym instanceof ClassSymbol clazz) {
      return new Target(AccessPath.thisOf(clazz), null);
    }
    return new Target(
        context == null ? AccessPath.unknown("this") : AccessPath.thisOf(context), null);
  }

  /**
   * The source of {@code tree} with whitespace runs collapsed to one space, for keys and messages.
   * Whitespace inside string and char literals is kept: it is part of the value, so {@code get("a
   * b")} and {@code get("a b")} stay different.
   */
  public static String sourceText(Tree tree, VisitorState state) {
    // Kept per file and tree: the lock model asks for the same expressions' text at every question
    // and in every dataflow, and each read of a node's source checks the file on disk again.
    return PerCompilation.instance(state.context, SOURCE_TEXTS, IdentityHashMap::new)
        .computeIfAbsent(state.getPath().getCompilationUnit(), unit -> new IdentityHashMap<>())
        .computeIfAbsent(
            tree,
            unused -> {
              String source = state.getSourceForNode(tree);
              return collapseWhitespace(source == null ? tree.toString() : source);
            });
  }

  private static String collapseWhitespace(String source) {
    StringBuilder text = new StringBuilder(source.length());
    char quote = 0;
    boolean space = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        text.append(c);
        if (c == '\\' && i + 1 < source.length()) {
          text.append(source.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
      } else if (Character.isWhitespace(c)) {
        space = text.length() > 0;
      } else {
        if (space) {
          text.append(' ');
          space = false;
        }
        if (c == '"' || c == '\'') {
          quote = c;
        }
        text.append(c);
      }
    }
    return text.toString();
  }
}

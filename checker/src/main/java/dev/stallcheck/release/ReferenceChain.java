package dev.stallcheck.release;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import java.util.Optional;

/**
 * The symbols along a reference expression, used to decide whether two expressions name the same
 * pool, lock or holder: {@code this.pool} and {@code pool} give [pool], {@code holder[0]} gives
 * [holder] (the index is dropped: a holder array is one slot in practice), {@code ref.get()} gives
 * [ref, get]. Expressions with arguments or computations in them have no chain, so they never match
 * anything: an unknown receiver is not evidence of a pairing.
 */
final class ReferenceChain {
  private final ImmutableList<Symbol> symbols;

  private ReferenceChain(ImmutableList<Symbol> symbols) {
    this.symbols = symbols;
  }

  /**
   * The chain of {@code tree}, if it is made only of names, field selects, array slots and getters.
   */
  static Optional<ReferenceChain> of(ExpressionTree tree) {
    ImmutableList.Builder<Symbol> out = ImmutableList.builder();
    if (!collect(tree, out)) {
      return Optional.empty();
    }
    ImmutableList<Symbol> symbols = out.build();
    return symbols.isEmpty() ? Optional.empty() : Optional.of(new ReferenceChain(symbols));
  }

  /** The chain of a variable named by itself. */
  static ReferenceChain ofVariable(Symbol variable) {
    return new ReferenceChain(ImmutableList.of(variable));
  }

  private static boolean collect(ExpressionTree tree, ImmutableList.Builder<Symbol> out) {
    ExpressionTree t = strip(tree);
    switch (t.getKind()) {
      case IDENTIFIER -> {
        IdentifierTree id = (IdentifierTree) t;
        if (id.getName().contentEquals("this")) {
          return true;
        }
        Symbol sym = ASTHelpers.getSymbol(id);
        if (sym == null) {
          return false;
        }
        out.add(sym);
        return true;
      }
      case MEMBER_SELECT -> {
        MemberSelectTree select = (MemberSelectTree) t;
        Symbol sym = ASTHelpers.getSymbol(select);
        if (sym == null) {
          return false;
        }
        if (select.getIdentifier().contentEquals("this")) {
          return true;
        }
        if (sym.isStatic() || sym instanceof Symbol.ClassSymbol) {
          // A static field is named fully by itself; a type name contributes nothing.
          if (!(sym instanceof Symbol.ClassSymbol)) {
            out.add(sym);
          }
          return true;
        }
        if (!collect(select.getExpression(), out)) {
          return false;
        }
        out.add(sym);
        return true;
      }
      case ARRAY_ACCESS -> {
        return collect(((ArrayAccessTree) t).getExpression(), out);
      }
      case METHOD_INVOCATION -> {
        MethodInvocationTree call = (MethodInvocationTree) t;
        if (!call.getArguments().isEmpty()) {
          return false;
        }
        Symbol sym = ASTHelpers.getSymbol(call);
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        if (sym == null || (receiver != null && !collect(receiver, out))) {
          return false;
        }
        out.add(sym);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** {@code tree} without the parentheses and casts around it. */
  static ExpressionTree strip(ExpressionTree tree) {
    ExpressionTree t = tree;
    while (true) {
      if (t instanceof ParenthesizedTree paren) {
        t = paren.getExpression();
      } else if (t instanceof TypeCastTree cast) {
        t = cast.getExpression();
      } else {
        return t;
      }
    }
  }

  /** The first symbol of the chain: the variable or field everything else hangs off. */
  Symbol root() {
    return symbols.get(0);
  }

  /**
   * This chain seen from a caller: the root replaced by {@code prefix} ({@code out[0]} in a helper
   * whose parameter {@code out} is the caller's {@code holder} gives [holder]) when {@code
   * replaceRoot}, else {@code prefix} put in front ({@code socket} of an object the caller names
   * {@code opener} gives [opener, socket]).
   */
  ReferenceChain under(ReferenceChain prefix, boolean replaceRoot) {
    ImmutableList.Builder<Symbol> out = ImmutableList.<Symbol>builder().addAll(prefix.symbols);
    out.addAll(replaceRoot ? symbols.subList(1, symbols.size()) : symbols);
    return new ReferenceChain(out.build());
  }

  /** How many symbols the chain has. */
  int length() {
    return symbols.size();
  }

  /**
   * Whether this chain starts with all of {@code prefix}: {@code holder[0].close()} starts with
   * [holder].
   */
  boolean startsWith(ReferenceChain prefix) {
    return symbols.size() >= prefix.symbols.size()
        && symbols.subList(0, prefix.symbols.size()).equals(prefix.symbols);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReferenceChain other && symbols.equals(other.symbols);
  }

  @Override
  public int hashCode() {
    return symbols.hashCode();
  }
}

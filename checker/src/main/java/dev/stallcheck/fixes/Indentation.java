package dev.stallcheck.fixes;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.List;

/**
 * How the code around a send is laid out, so that generated code looks written by hand: a line's
 * leading blanks, the file's line separator, and its unit of one indentation level (two or four
 * spaces, a tab), read from the enclosing code rather than assumed.
 */
final class Indentation {
  private Indentation() {}

  /** The start of the line holding {@code position}. */
  static int lineStart(int position, CharSequence source) {
    int start = position;
    while (start > 0 && !isLineBreak(source.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  /** The leading blanks of the line holding {@code position}. */
  static String ofLineAt(int position, CharSequence source) {
    int start = lineStart(position, source);
    int end = start;
    while (end < source.length() && isBlank(source.charAt(end))) {
      end++;
    }
    return source.subSequence(start, end).toString();
  }

  /** Whether only blanks precede {@code position} on its line. */
  static boolean startsLine(int position, CharSequence source) {
    for (int i = lineStart(position, source); i < position; i++) {
      if (!isBlank(source.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code \r\n} in a file that uses it, else {@code \n}. */
  static String lineSeparator(CharSequence source) {
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        return i > 0 && source.charAt(i - 1) == '\r' ? "\r\n" : "\n";
      }
    }
    return "\n";
  }

  /**
   * One level of indentation in the send's file: what a statement (or class member) on its own line
   * adds to the closing brace of its block (or class), read from the innermost enclosing one laid
   * out that way. Two spaces where nothing tells.
   */
  static String unit(SendSite site, CharSequence source) {
    for (TreePath ancestor : site.ancestors()) {
      Tree leaf = ancestor.getLeaf();
      if (leaf instanceof BlockTree block) {
        String unit = levelIn(block, block.getStatements(), site, source);
        if (unit != null) {
          return unit;
        }
      }
    }
    Tree classTree = site.member().getParentPath().getLeaf();
    if (classTree instanceof ClassTree enclosing) {
      String unit = levelIn(enclosing, enclosing.getMembers(), site, source);
      if (unit != null) {
        return unit;
      }
    }
    return "  ";
  }

  /** What the members of {@code container} add to its closing brace's indentation, if they do. */
  private static String levelIn(
      Tree container, List<? extends Tree> members, SendSite site, CharSequence source) {
    int closingBrace = site.end(container) - 1;
    if (closingBrace < 0
        || source.charAt(closingBrace) != '}'
        || !startsLine(closingBrace, source)) {
      return null;
    }
    String outer = ofLineAt(closingBrace, source);
    for (Tree member : members) {
      int start = site.start(member);
      if (start < 0 || !startsLine(start, source)) {
        continue;
      }
      String inner = ofLineAt(start, source);
      if (inner.length() > outer.length() && inner.startsWith(outer)) {
        return inner.substring(outer.length());
      }
    }
    return null;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r';
  }
}

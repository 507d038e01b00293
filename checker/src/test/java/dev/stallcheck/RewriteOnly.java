package dev.stallcheck;

import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChooser;
import com.google.errorprone.fixes.Fix;
import com.google.errorprone.fixes.SuggestedFix;
import java.util.List;

/**
 * A fix chooser for replacement tests about rewrites: the first fix that is not the suppression
 * every finding also offers as its last alternative, or no change where the finding offers no
 * rewrite. A test that expects "no fix" then sees the source unchanged.
 */
final class RewriteOnly implements FixChooser {
  static final RewriteOnly FIRST = new RewriteOnly();

  private RewriteOnly() {}

  @Override
  public Fix choose(List<Fix> fixes) {
    return fixes.stream()
        .filter(fix -> !fix.getShortDescription().startsWith("Suppress "))
        .findFirst()
        .orElse(SuggestedFix.emptyFix());
  }
}

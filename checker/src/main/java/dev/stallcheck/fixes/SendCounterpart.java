package dev.stallcheck.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.stallcheck.sends.BlockingSend;
import dev.stallcheck.sends.BlockingSends;
import java.util.Optional;

/**
 * A blocking send method and its non-blocking counterpart, which takes the same element and returns
 * {@code false} instead of waiting (the timed form takes a timeout after the element). Guava's
 * {@code Uninterruptibles.putUninterruptibly(queue, e)} becomes {@code queue.offer(e)}.
 */
enum SendCounterpart {
  PUT("java.util.concurrent.BlockingQueue", "put", "offer"),
  PUT_FIRST("java.util.concurrent.BlockingDeque", "putFirst", "offerFirst"),
  PUT_LAST("java.util.concurrent.BlockingDeque", "putLast", "offerLast"),
  TRANSFER("java.util.concurrent.TransferQueue", "transfer", "tryTransfer"),
  GUAVA_PUT("com.google.common.util.concurrent.Uninterruptibles", "putUninterruptibly", "offer");

  private final String declaringInterface;
  private final String blockingName;
  private final String nonBlockingName;

  SendCounterpart(String declaringInterface, String blockingName, String nonBlockingName) {
    this.declaringInterface = declaringInterface;
    this.blockingName = blockingName;
    this.nonBlockingName = nonBlockingName;
  }

  String nonBlockingName() {
    return nonBlockingName;
  }

  /**
   * Whether {@code false} from the counterpart means "no consumer was waiting" rather than "full":
   * a transfer, or any send to a {@code SynchronousQueue} (by static type, or a variable that only
   * ever holds one, as BlockingPutUnderLock counts it), which has no capacity at all. A plain
   * {@code offer} there fails whenever the consumer is busy at that instant.
   */
  boolean needsWaitingConsumer(SendSite site, VisitorState state) {
    if (this == TRANSFER) {
      return true;
    }
    // BlockingSends decides by the receiver's static type first, then by what the variable holds.
    return BlockingSends.classify(site.path(), state)
        .filter(kind -> kind == BlockingSend.SYNCHRONOUS)
        .isPresent();
  }

  /**
   * Whether the send throws {@code InterruptedException}, so that the code around it handles it, as
   * the timed counterpart needs. Guava's helper exists to spare its callers that.
   */
  boolean throwsInterrupted() {
    return this != GUAVA_PUT;
  }

  /** The counterpart of {@code call}, if it calls (an override of) one of the blocking sends. */
  static Optional<SendCounterpart> of(MethodInvocationTree call, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(call);
    // The queue's methods take the element; Guava's static helper the queue and the element.
    if (symbol.getParameters().size() != (ASTHelpers.isStatic(symbol) ? 2 : 1)) {
      return Optional.empty();
    }
    for (SendCounterpart counterpart : values()) {
      if (counterpart.isDeclarationOrOverride(symbol, state)) {
        return Optional.of(counterpart);
      }
    }
    return Optional.empty();
  }

  private boolean isDeclarationOrOverride(MethodSymbol symbol, VisitorState state) {
    if (!symbol.getSimpleName().contentEquals(blockingName)) {
      return false;
    }
    return declares(symbol)
        || ASTHelpers.findSuperMethods(symbol, state.getTypes()).stream().anyMatch(this::declares);
  }

  private boolean declares(MethodSymbol method) {
    return method.owner.getQualifiedName().contentEquals(declaringInterface);
  }
}

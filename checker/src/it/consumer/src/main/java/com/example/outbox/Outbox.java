package com.example.outbox;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** The seeded bug: a send on a bounded queue while holding this object's monitor. */
public final class Outbox {
  private final BlockingQueue<String> pending = new ArrayBlockingQueue<>(16);
  private int published;

  public synchronized void publish(String message) throws InterruptedException {
    published++;
    pending.put(message);
  }

  public synchronized int published() {
    return published;
  }

  public String next() throws InterruptedException {
    return pending.take();
  }
}

/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tools that take a large argument and do a small, constant amount of work on it (a matcher called
 * once per position of a buffer): the agent's cost per call must not grow with the argument.
 *
 * <p>{@code cost N}: for each argument type, N calls with a 16-element argument and N with a 1 MB
 * one, interleaved in rounds; prints one line per type: {@code type smallNanosPerCall
 * largeNanosPerCall}. {@code lineage}: a large string returned by one tool reaches others as a copy
 * (linked by content): {@code analyze} does work proportional to it, {@code peek} is constant but
 * selected by {@code capture.hash}.
 */
public final class LargeArgsApp {
  private static final int WINDOW = 2048;
  private static final int ROUNDS = 10;
  private static long sink;

  /**
   * The calling thread's CPU time, not the wall clock: on a shared machine a loop may wait for a
   * core for longer than it runs, and the question is what the agent costs the calling thread.
   */
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private LargeArgsApp() {}

  public static void main(String[] args) {
    if (args[0].equals("lineage")) {
      lineage();
      return;
    }
    int n = Integer.parseInt(args[1]);
    int m = Integer.parseInt(args[2]);
    byte[] smallBytes = new byte[16];
    byte[] bigBytes = new byte[1_000_000];
    Arrays.fill(bigBytes, (byte) 7);
    char[] smallChars = new char[16];
    char[] bigChars = new char[1_000_000];
    Arrays.fill(bigChars, 'c');
    String smallString = "s".repeat(16);
    String bigString = "S".repeat(1_000_000);
    List<Integer> smallList = new ArrayList<>();
    List<Integer> bigList = new ArrayList<>();
    for (int i = 0; i < 250_000; i++) {
      bigList.add(i); // 250k boxed ints: about 1 MB of canonical content
      if (i < 16) {
        smallList.add(i);
      }
    }
    ByteBuffer smallBuffer = ByteBuffer.allocate(16);
    ByteBuffer bigBuffer = ByteBuffer.allocate(1_000_000);

    long[] t = new long[10];
    for (int round = 0; round < ROUNDS; round++) {
      int per = n / ROUNDS;
      int other = m / ROUNDS;
      t[0] += loopBytes(smallBytes, per);
      t[1] += loopBytes(bigBytes, per);
      t[2] += loopChars(smallChars, other);
      t[3] += loopChars(bigChars, other);
      t[4] += loopString(smallString, other);
      t[5] += loopString(bigString, other);
      t[6] += loopList(smallList, other);
      t[7] += loopList(bigList, other);
      t[8] += loopBuffer(smallBuffer, other);
      t[9] += loopBuffer(bigBuffer, other);
    }
    String[] names = {"byte[]", "char[]", "String", "List", "ByteBuffer"};
    for (int i = 0; i < names.length; i++) {
      int calls = i == 0 ? n : m;
      System.out.println(names[i] + " " + t[2 * i] / calls + " " + t[2 * i + 1] / calls);
    }
    System.out.println("sink " + sink);
  }

  private static long loopBytes(byte[] b, int n) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink += windowBytes(b, i);
    }
    return CPU.getCurrentThreadCpuTime() - start;
  }

  private static long loopChars(char[] c, int n) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink += windowChars(c, i);
    }
    return CPU.getCurrentThreadCpuTime() - start;
  }

  private static long loopString(String s, int n) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink += windowString(s, i);
    }
    return CPU.getCurrentThreadCpuTime() - start;
  }

  private static long loopList(List<Integer> l, int n) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink += windowList(l, i);
    }
    return CPU.getCurrentThreadCpuTime() - start;
  }

  private static long loopBuffer(ByteBuffer b, int n) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink += windowBuffer(b, i);
    }
    return CPU.getCurrentThreadCpuTime() - start;
  }

  /** Constant work at a position: sums a window of the argument (wrapping around). */
  @Tracked
  static long windowBytes(byte[] b, int pos) {
    long s = 0;
    for (int k = 0; k < WINDOW; k++) {
      s += b[(pos + k) % b.length];
    }
    return s;
  }

  @Tracked
  static long windowChars(char[] c, int pos) {
    long s = 0;
    for (int k = 0; k < WINDOW; k++) {
      s += c[(pos + k) % c.length];
    }
    return s;
  }

  @Tracked
  static long windowString(String str, int pos) {
    long s = 0;
    for (int k = 0; k < WINDOW; k++) {
      s += str.charAt((pos + k) % str.length());
    }
    return s;
  }

  @Tracked
  static long windowList(List<Integer> l, int pos) {
    long s = 0;
    for (int k = 0; k < WINDOW; k++) {
      s += l.get((pos + k) % l.size());
    }
    return s;
  }

  @Tracked
  static long windowBuffer(ByteBuffer b, int pos) {
    long s = 0;
    for (int k = 0; k < WINDOW; k++) {
      s += b.get((pos + k) % b.capacity());
    }
    return s;
  }

  // ---- lineage through a large value ----

  private static void lineage() {
    String text = render(300_000);
    String copy = new String(text.toCharArray()); // equal content, another object
    long a = analyze(copy);
    long p = 0;
    for (int i = 0; i < 20; i++) {
      p += peek(new String(text.toCharArray()), i);
    }
    System.out.println("analyzed " + a + " peeked " + p);
  }

  @Tracked
  static String render(int chars) {
    StringBuilder b = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      b.append((char) ('a' + (i * 31 % 26)));
    }
    return b.toString();
  }

  /** Work proportional to the text: hashing it in full is worth it. */
  @Tracked
  static long analyze(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == 'e') {
        n += i % 7;
      }
    }
    return n;
  }

  /** Constant work on a large text: exact hashes only because capture.hash selects it. */
  @Tracked
  static long peek(String text, int pos) {
    return text.charAt(pos);
  }
}

/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentClassLoaderReadTest {
  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Returns at most {@code chunk} bytes per read, as an inflating stream may. */
  private static InputStream trickling(byte[] data, int chunk) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  @Test
  void readsAnEntryOfTheStatedSizeWhateverTheReadsReturn() throws IOException {
    for (int n : new int[] {0, 1, 8191, 8192, 8193, 70_000}) {
      byte[] data = bytes(n);
      assertArrayEquals(data, AgentClassLoader.read(trickling(data, 1000), n));
      assertArrayEquals(data, AgentClassLoader.read(new ByteArrayInputStream(data), n));
    }
  }

  @Test
  void readsToTheEndWhenTheSizeIsUnknown() throws IOException {
    byte[] data = bytes(20_000);
    assertArrayEquals(data, AgentClassLoader.read(trickling(data, 333), -1));
  }

  @Test
  void anEntryShorterThanStatedIsAnError() {
    byte[] data = bytes(100);
    assertThrows(
        IOException.class, () -> AgentClassLoader.read(new ByteArrayInputStream(data), 101));
  }
}

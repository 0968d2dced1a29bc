/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record.testing;

import dev.tooltrace.record.Buf;

/**
 * Where fixture documents go: a queue ({@link QueueFixture}), or straight to a decoder for tests
 * that need no queue. The buffer is reused after the call returns.
 */
@FunctionalInterface
public interface DocumentSink {
  void accept(Buf document);
}

/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

/**
 * A {@link RecordVisitor} that takes the calls of CALLS documents as {@link CallView}s, read in
 * place, instead of {@link CallRecord}s: {@link DocumentReader} hands every call of such a visitor
 * to {@link #onCallView} and never calls {@link #onCall}. Other document types (RUN, SAMPLE,
 * RUN_END) arrive as records, as for any visitor; corrupt and newer-version documents too.
 */
public interface CallViewVisitor extends RecordVisitor {
  /** One call; {@code call} and everything it hands out are valid only during this call. */
  void onCallView(CallView call);
}

/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.util.List;
import java.util.Map;

/**
 * What {@link ChainAuditor} found in a queue.
 *
 * @param breaks every break, in queue order (the first is the first document that breaks the
 *     chain); empty when the chain holds
 * @param notes what holds but is worth saying (a documented gap, an unsigned tail, a run without
 *     RUN_END)
 * @param files data files read
 * @param documents documents read
 * @param headSeq the chain position of the last document, -1 for an empty queue
 * @param headLink the link of the last document (hex), "" for an empty queue
 * @param seals seals read
 * @param signaturesChecked seal signatures verified with the given key
 * @param runs each run's stretch of the chain, by run id, in the order runs appear
 */
public record AuditReport(
    List<AuditFinding> breaks,
    List<String> notes,
    long files,
    long documents,
    long headSeq,
    String headLink,
    long seals,
    long signaturesChecked,
    Map<String, RunChain> runs) {

  public boolean intact() {
    return breaks.isEmpty();
  }

  /**
   * A run's stretch of the chain.
   *
   * @param firstSeq the chain position of its first document (its RUN, normally)
   * @param lastSeq the chain position of its last document
   * @param headLink the link of its last document: the run's chain head (hex)
   * @param ended whether its RUN_END is in the queue
   * @param signedThrough the last chain position of the run a verified signature covers, -1 if none
   */
  public record RunChain(
      String runId,
      long firstSeq,
      long lastSeq,
      String headLink,
      long documents,
      boolean ended,
      long signedThrough) {}
}

/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tooltrace.agent.backup.Retention;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.record.AuditFinding;
import dev.tooltrace.record.AuditReport;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ChainAuditor;
import dev.tooltrace.record.ChainPoint;
import dev.tooltrace.record.Encoder;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.SealKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals as the agent writes them — at each roll, at the run's end, before retention deletes a file
 * — checked by the auditor with the public key, a wrong key, and after retention.
 */
class SealerTest {
  @TempDir Path tmp;
  private QueueWriter writer;

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
  }

  private QueueWriter open(Path q) {
    writer = new QueueWriter(q, "TEST_SECONDLY", 0, 0);
    assertTrue(writer.open());
    writer.check();
    return writer;
  }

  private static Buf sample(long i) {
    Buf b = new Buf(96);
    Encoder.sample(b, 7, 8, i, new String[] {"i"}, new double[] {i});
    return b;
  }

  /** Appends until the queue has rolled to a new cycle file (one-second cycles). */
  private void appendIntoNextCycle(QueueWriter w) throws InterruptedException {
    int before = w.queue().cycle();
    while (w.queue().cycle() == before) {
      Thread.sleep(50);
    }
    w.appendFromAgent(sample(-1));
  }

  @Test
  void rollsAndTheRunEndAreSignedAndVerifyWithThePublicKeyOnly() throws Exception {
    Path key = tmp.resolve("audit.key");
    Path pub = tmp.resolve("audit.pub");
    SealKeys.generateEd25519(key, pub);
    Path other = tmp.resolve("other.pub");
    SealKeys.generateEd25519(tmp.resolve("other.key"), other);
    Path q = tmp.resolve("q");
    QueueWriter w = open(q);
    Sealer sealer = new Sealer(w, 7, 8, Sealer.loadSigner(key.toString()));
    Buf run = new Buf(64);
    Encoder.run(run, 7, 8, 1, 42, "{}");
    ChainPoint start = w.appendFromAgentAt(run);
    assertNotNull(start);
    for (int i = 0; i < 5; i++) {
      w.appendFromAgent(sample(i));
    }
    appendIntoNextCycle(w);
    sealer.sealRolls();
    Buf end = new Buf(64);
    Encoder.runEnd(end, 7, 8, 2, "{}");
    sealer.sealRun(start, w.appendFinalAt(end));
    w.close();

    AuditReport good = ChainAuditor.audit(q, SealKeys.verifier(pub));
    assertEquals(List.of(), good.breaks());
    assertEquals(2, good.seals());
    assertEquals(2, good.signaturesChecked());
    AuditReport.RunChain r = good.runs().get(Hex.of(7, 8));
    assertEquals(r.lastSeq() - 1, r.signedThrough(), "the run's seal covers RUN to RUN_END");

    AuditReport wrong = ChainAuditor.audit(q, SealKeys.verifier(other));
    assertEquals(AuditFinding.Kind.BAD_SIGNATURE, wrong.breaks().get(0).kind());
  }

  @Test
  void retentionDeletesAFileOnlyAfterItsGapSealAndTheChainStillHolds() throws Exception {
    Path q = tmp.resolve("q");
    QueueWriter w = open(q);
    Sealer sealer = new Sealer(w, 7, 8, null);
    for (int i = 0; i < 5; i++) {
      w.appendFromAgent(sample(i));
    }
    appendIntoNextCycle(w);
    appendIntoNextCycle(w);
    List<Path> files = QueueFiles.dataFiles(q);
    assertTrue(files.size() >= 3, "a file per second: " + files);

    Retention refused =
        new Retention(q, 0, 1, List.of(), file -> false); // a seal that cannot be written
    assertEquals(List.of(), refused.run(System.currentTimeMillis()));
    assertTrue(Files.exists(files.get(0)));

    Retention retention = new Retention(q, 0, 1, List.of(), sealer::sealGap);
    List<Path> deleted = retention.run(System.currentTimeMillis());
    assertEquals(files.subList(0, files.size() - 1), deleted, "all but the writer's file");
    w.queue().refreshDirectoryListing();
    w.appendFromAgent(sample(100));
    w.close();

    AuditReport r = ChainAuditor.audit(q, null);
    assertEquals(List.of(), r.breaks());
    assertTrue(
        r.notes().stream().anyMatch(n -> n.contains("deleted by retention")), r.notes().toString());
  }
}

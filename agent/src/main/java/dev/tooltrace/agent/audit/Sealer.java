/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.audit;

import dev.tooltrace.agent.log.AgentLog;
import dev.tooltrace.agent.recording.QueueWriter;
import dev.tooltrace.record.Buf;
import dev.tooltrace.record.ChainPoint;
import dev.tooltrace.record.FileChain;
import dev.tooltrace.record.Json;
import dev.tooltrace.record.QueueFiles;
import dev.tooltrace.record.Seal;
import dev.tooltrace.record.SealKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Writes the agent's SEAL documents ({@link Seal}), signed when {@code audit.key} names a key: the
 * head of each cycle file the queue rolled away from (the housekeeper asks every second), the run
 * from its RUN to its RUN_END (at shutdown), and each file retention is about to delete (a
 * documented gap: retention deletes a file only once its seal is in the queue). Signing runs on
 * these agent threads only, never on the application's.
 */
public final class Sealer {
  private static final AgentLog.Component LOG = AgentLog.of("audit");

  private final QueueWriter writer;
  private final long runHi;
  private final long runLo;
  private final SealKeys.Signer signer;
  private final Buf buf = new Buf(512);
  private volatile boolean signFailureReported;

  public Sealer(QueueWriter writer, long runHi, long runLo, SealKeys.Signer signer) {
    this.writer = writer;
    this.runHi = runHi;
    this.runLo = runLo;
    this.signer = signer;
  }

  /**
   * Loads {@code audit.key}: null (seals unsigned) when empty, or when the key cannot be read —
   * said in one line; the application starts either way.
   */
  public static SealKeys.Signer loadSigner(String keyFile) {
    if (keyFile == null || keyFile.isBlank()) {
      return null;
    }
    try {
      SealKeys.Signer s = SealKeys.signer(Path.of(keyFile.trim()));
      LOG.info(
          "seals are signed with "
              + Seal.algorithmName(s.algorithm())
              + (s.keyId().isEmpty() ? "" : " key " + s.keyId())
              + " from "
              + keyFile.trim());
      return s;
    } catch (Throwable t) {
      LOG.warn(
          "cannot use audit.key="
              + keyFile.trim()
              + " ("
              + t.getMessage()
              + "); seals are written unsigned");
      return null;
    }
  }

  /** Seals every cycle file the writer rolled away from since the last call (housekeeper). */
  public void sealRolls() {
    int cycle;
    while ((cycle = writer.takeRolledCycle()) >= 0) {
      try {
        SingleChronicleQueue q = writer.queue();
        FileChain f = q == null ? null : FileChain.of(q, cycle);
        if (f != null) {
          Map<String, Object> detail = detail(q, f);
          append(Seal.REASON_ROLL, f.firstSeq(), f.firstPrev(), f.lastSeq(), f.lastLink(), detail);
        }
      } catch (Throwable t) {
        LOG.warn("cannot seal queue cycle " + cycle + ": " + t);
      }
    }
  }

  /**
   * Before retention deletes {@code file}: appends a gap seal stating the file's stretch of the
   * chain. Returns whether the file may go (its seal is in the queue, or it holds no chain).
   */
  public boolean sealGap(Path file) {
    try {
      SingleChronicleQueue q = writer.queue();
      if (q == null) {
        return false;
      }
      FileChain f = FileChain.of(q, QueueFiles.cycleOf(q, file));
      if (f == null) {
        return true;
      }
      Map<String, Object> detail = detail(q, f);
      detail.put("deleted", "retention");
      return append(Seal.REASON_GAP, f.firstSeq(), f.firstPrev(), f.lastSeq(), f.lastLink(), detail)
          != null;
    } catch (Throwable t) {
      LOG.warn("cannot seal " + file.getFileName() + " before deleting it: " + t + "; it is kept");
      return false;
    }
  }

  /**
   * The run's seal, from its RUN document to its RUN_END (both given by where they were appended),
   * written with {@link QueueWriter#appendFinal} like the RUN_END.
   */
  public void sealRun(ChainPoint start, ChainPoint end) {
    if (start == null || end == null) {
      return;
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("run.index", start.index());
    detail.put("run_end.index", end.index());
    try {
      buildAndSign(Seal.REASON_RUN_END, start.seq(), start.prev(), end.seq(), end.link(), detail);
      writer.appendFinal(buf);
    } catch (Throwable t) {
      LOG.warn("cannot seal the run: " + t);
    }
  }

  private static Map<String, Object> detail(SingleChronicleQueue q, FileChain f) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("file", QueueFiles.fileName(q, f.cycle()));
    d.put("cycle", f.cycle());
    d.put("first.index", f.firstIndex());
    d.put("last.index", f.lastIndex());
    d.put("documents", f.documents());
    return d;
  }

  private synchronized ChainPoint append(
      int reason, long fromSeq, byte[] fromPrev, long toSeq, byte[] toLink, Map<String, Object> d)
      throws Exception {
    buildAndSign(reason, fromSeq, fromPrev, toSeq, toLink, d);
    return writer.appendFromAgentAt(buf);
  }

  private synchronized void buildAndSign(
      int reason, long fromSeq, byte[] fromPrev, long toSeq, byte[] toLink, Map<String, Object> d) {
    SealKeys.Signer s = signer;
    int signedLength =
        Seal.unsigned(
            buf,
            runHi,
            runLo,
            System.currentTimeMillis() * 1_000_000L,
            reason,
            fromSeq,
            fromPrev,
            toSeq,
            toLink,
            Json.write(d),
            s == null ? Seal.ALG_NONE : s.algorithm(),
            s == null ? "" : s.keyId());
    byte[] signature = new byte[0];
    if (s != null) {
      try {
        signature = s.sign(buf.array(), signedLength);
      } catch (Throwable t) {
        if (!signFailureReported) {
          signFailureReported = true;
          LOG.warn("signing a seal failed (" + t + "); this seal is written unsigned");
        }
        Seal.unsigned(
            buf,
            runHi,
            runLo,
            System.currentTimeMillis() * 1_000_000L,
            reason,
            fromSeq,
            fromPrev,
            toSeq,
            toLink,
            Json.write(d),
            Seal.ALG_NONE,
            "");
      }
    }
    Seal.signature(buf, signature);
  }
}

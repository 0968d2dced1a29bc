/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.AuditFinding;
import dev.tooltrace.record.AuditReport;
import dev.tooltrace.record.ChainAuditor;
import dev.tooltrace.record.RecordVisitor;
import dev.tooltrace.record.RunRecord;
import dev.tooltrace.record.SealKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: checks the records themselves — the queue's hash chain, document by document, and
 * its seals — where {@code verify} checks a backup's files against its manifest. See {@code
 * docs/audit.md}.
 */
@Command(
    name = "audit",
    description = {
      "Check the queue's hash chain document by document, and its seals, and name the first"
          + " document that breaks it: file, index, chain position and kind (ALTERED, MISSING,"
          + " TRUNCATED, SWAPPED, INSERTED, REORDERED, DISCONTINUITY, FOREIGN_FILE, UNCHAINED,"
          + " MISSING_START, SEAL_MISMATCH, BAD_SIGNATURE, UNREADABLE).",
      "With --public-key, every seal's signature is checked too (the Ed25519 public key, or the"
          + " HMAC-SHA256 secret the agent's audit.key named).",
      "With --run, only breaks within that run's stretch of the chain are reported.",
      "Files deleted by retention are a documented gap (their seal), not a break. The queue is"
          + " opened read-only.",
      "Exit code 0: the chain holds; 5: it is broken or a seal does not verify; 1 and 2 as for"
          + " every command."
    })
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin QueueOptions queue;
  @Mixin RunOption run;
  @Mixin JsonOption json;

  @Option(
      names = {"--public-key", "--key"},
      paramLabel = "FILE",
      description =
          "Check seal signatures with this key: an Ed25519 public key (PEM), or the HMAC-SHA256"
              + " secret file.")
  Path publicKey;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SealKeys.Verifier key = null;
    if (publicKey != null) {
      try {
        key = SealKeys.verifier(publicKey);
      } catch (IOException | GeneralSecurityException e) {
        throw CliException.usage("cannot use --public-key " + publicKey + ": " + e.getMessage());
      }
    }
    Path dir = queue.dir();
    String runId = run.ref() == null ? null : resolveRun(dir);
    AuditReport report = ChainAuditor.audit(dir, key);
    List<AuditFinding> breaks = report.breaks();
    AuditReport.RunChain runChain = null;
    if (runId != null) {
      runChain = report.runs().get(runId);
      if (runChain == null) {
        throw CliException.noData("run " + runId + " has no document in " + dir);
      }
      AuditReport.RunChain rc = runChain;
      breaks =
          breaks.stream()
              .filter(b -> b.seq() < 0 || b.seq() >= rc.firstSeq() && b.seq() <= rc.lastSeq())
              .toList();
    }
    if (json.json()) {
      out.println(Json.pretty(json(report, breaks, runChain, key)));
    } else {
      text(out, report, breaks, runChain, key);
    }
    out.flush();
    return breaks.isEmpty() ? ExitCodes.OK : ExitCodes.BROKEN;
  }

  private String resolveRun(Path dir) {
    RunCatalog runs = new RunCatalog();
    QueueLoader.stream(
        dir,
        spec.commandLine().getErr(),
        new RecordVisitor() {
          @Override
          public void onRun(RunRecord r) {
            runs.addRun(r);
          }
        });
    return run.resolveOrAll(runs);
  }

  private static void text(
      PrintWriter out,
      AuditReport r,
      List<AuditFinding> breaks,
      AuditReport.RunChain runChain,
      SealKeys.Verifier key) {
    String scope = runChain == null ? "the chain" : "run " + runChain.runId() + "'s chain";
    if (breaks.isEmpty()) {
      out.println("audit: OK: " + scope + " holds");
    } else {
      out.println("audit: BROKEN: " + breaks.size() + " break(s) in " + scope + "; the first:");
      out.println("  " + breaks.get(0).line());
      if (breaks.size() > 1) {
        out.println("every break:");
        for (AuditFinding f : breaks) {
          out.println("  " + f.line());
        }
      }
    }
    out.println(
        "chain: "
            + r.documents()
            + " documents in "
            + r.files()
            + " files; head seq "
            + r.headSeq()
            + (r.headLink().isEmpty() ? "" : " link " + r.headLink()));
    out.println(
        "seals: "
            + r.seals()
            + (key == null
                ? " (signatures not checked: no --public-key)"
                : ", " + r.signaturesChecked() + " signatures verified with key " + key.keyId()));
    for (AuditReport.RunChain c : r.runs().values()) {
      if (runChain != null && !runChain.runId().equals(c.runId())) {
        continue;
      }
      out.println(
          "run "
              + c.runId()
              + ": seq "
              + c.firstSeq()
              + ".."
              + c.lastSeq()
              + ", head "
              + c.headLink()
              + (c.ended() ? ", ended" : ", no RUN_END")
              + (key == null
                  ? ""
                  : c.signedThrough() < 0
                      ? ", not signed"
                      : ", signed through seq " + c.signedThrough()));
    }
    if (!r.notes().isEmpty()) {
      out.println("notes:");
      for (String n : r.notes()) {
        out.println("  " + n);
      }
    }
  }

  private static ObjectNode json(
      AuditReport r,
      List<AuditFinding> breaks,
      AuditReport.RunChain runChain,
      SealKeys.Verifier key) {
    ObjectNode o = Json.object();
    o.put("intact", breaks.isEmpty());
    ArrayNode bs = o.putArray("breaks");
    for (AuditFinding f : breaks) {
      ObjectNode b = bs.addObject();
      b.put("kind", f.kind().name());
      b.put("file", f.file());
      b.put("index", f.index());
      b.put("seq", f.seq());
      b.put("message", f.message());
    }
    o.put("files", r.files());
    o.put("documents", r.documents());
    o.put("headSeq", r.headSeq());
    o.put("headLink", r.headLink());
    o.put("seals", r.seals());
    o.put("signaturesChecked", r.signaturesChecked());
    if (key != null) {
      o.put("keyId", key.keyId());
    }
    ArrayNode runs = o.putArray("runs");
    for (AuditReport.RunChain c : r.runs().values()) {
      if (runChain != null && !runChain.runId().equals(c.runId())) {
        continue;
      }
      ObjectNode n = runs.addObject();
      n.put("runId", c.runId());
      n.put("firstSeq", c.firstSeq());
      n.put("lastSeq", c.lastSeq());
      n.put("headLink", c.headLink());
      n.put("documents", c.documents());
      n.put("ended", c.ended());
      n.put("signedThrough", c.signedThrough());
    }
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    return o;
  }
}

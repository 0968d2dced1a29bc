/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tooltrace.record.Hex;
import dev.tooltrace.record.RunRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The OpenTelemetry resource of each run. One queue holds the calls of many runs (JVMs), and a
 * standalone exporter may drain the queue of a process that is long gone, so a span's resource
 * comes from ITS run's RUN document, not from the exporting process. A run whose RUN document was
 * not seen (resuming past it) gets a fallback: the exporting process's service name and the run id.
 *
 * <p>The run's place in the queue's hash chain travels with it, so an exported trace can be matched
 * to its local evidence ({@code tooltrace audit}): {@code tooltrace.chain.anchor}, the link of the
 * run's RUN document, and {@code tooltrace.chain.head} / {@code tooltrace.chain.head.seq}, the link
 * of the run's latest document read when the request was built — every span of the request lies at
 * or before it. The resource is encoded again only when the head moved, so at most once per run per
 * request.
 */
final class RunResources {
  static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("tooltrace.run.id");
  static final AttributeKey<String> CHAIN_ANCHOR = AttributeKey.stringKey("tooltrace.chain.anchor");
  static final AttributeKey<String> CHAIN_HEAD = AttributeKey.stringKey("tooltrace.chain.head");
  static final AttributeKey<Long> CHAIN_HEAD_SEQ = AttributeKey.longKey("tooltrace.chain.head.seq");

  /** Top-level keys of the environment JSON taken as resource attributes, by prefix. */
  private static final Set<String> PREFIXES =
      Set.of(
          "service.",
          "host.",
          "process.",
          "os.",
          "deployment.",
          "container.",
          "k8s.",
          "cloud.",
          "telemetry.");

  private static final int MAX_RUNS = 256;

  private final Resource base;
  private final Map<String, byte[]> encodedByRun =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > MAX_RUNS;
        }
      };
  private long lastHi;
  private long lastLo;
  private byte[] lastEncoded;
  private Chain lastChain;

  /** Each run's anchor and head; the encoded resource is valid for {@code encodedSeq}. */
  private static final class Chain {
    String anchor;
    final byte[] head = new byte[dev.tooltrace.record.Chain.LINK_BYTES];
    long headSeq = -1;
    long encodedSeq = -1;
  }

  private final Map<String, Chain> chains =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Chain> eldest) {
          return size() > MAX_RUNS;
        }
      };
  private long chainHi;
  private long chainLo;
  private Chain chainLast;
  private final Map<String, Resource> byRun =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resource> eldest) {
          return size() > MAX_RUNS;
        }
      };

  /**
   * @param base SDK defaults merged with the exporting process's environment resource ({@code
   *     OTEL_SERVICE_NAME}, {@code OTEL_RESOURCE_ATTRIBUTES}); the fallback for unknown runs
   */
  RunResources(Resource base) {
    this.base = base;
  }

  Resource base() {
    return base;
  }

  /** Records a run's resource from its RUN document; malformed JSON keeps the fallback. */
  void onRun(RunRecord run) {
    AttributesBuilder b = Attributes.builder();
    try {
      JsonNode root = Jackson.MAPPER.readTree(run.environmentJson());
      if (root != null && root.isObject()) {
        addScalars(b, root);
        JsonNode nested = root.get("resource");
        if (nested != null && nested.isObject()) {
          addAll(b, nested);
        }
      }
    } catch (Exception e) {
      // Tolerated: the run keeps service name and run id from the fallback.
    }
    if (run.pid() > 0) {
      b.put(AttributeKey.longKey("process.pid"), run.pid());
    }
    b.put(RUN_ID, run.runId());
    byRun.put(
        run.runId(), Resource.create(base.getAttributes().toBuilder().putAll(b.build()).build()));
    encodedByRun.remove(run.runId());
    lastEncoded = null;
  }

  /**
   * The resource of run {@code (hi, lo)} as the encoded {@code resource} field (1) of an OTLP
   * resource block, plus its {@code schema_url} (3) when it has one: encoded once per run, since
   * every span of the run carries it. The last run asked for is answered without a lookup.
   */
  byte[] encoded(long hi, long lo) {
    if (lastEncoded != null
        && hi == lastHi
        && lo == lastLo
        && (lastChain == null || lastChain.encodedSeq == lastChain.headSeq)) {
      return lastEncoded;
    }
    String runId = Hex.of(hi, lo);
    Chain c = chains.get(runId);
    byte[] e = encodedByRun.get(runId);
    if (e == null || c != null && c.encodedSeq != c.headSeq) {
      Resource r = forRun(runId);
      if (c != null && c.headSeq >= 0) {
        AttributesBuilder b = r.getAttributes().toBuilder();
        if (c.anchor != null) {
          b.put(CHAIN_ANCHOR, c.anchor);
        }
        b.put(CHAIN_HEAD, Hex.of(c.head)).put(CHAIN_HEAD_SEQ, c.headSeq);
        r = Resource.create(b.build(), r.getSchemaUrl());
        c.encodedSeq = c.headSeq;
      }
      e = encode(r);
      encodedByRun.put(runId, e);
    }
    lastHi = hi;
    lastLo = lo;
    lastEncoded = e;
    lastChain = c;
    return e;
  }

  /**
   * A document of run {@code (hi, lo)} at chain position {@code seq} was read; {@code link} is
   * filled in only when the position is a new head (no allocation per call: most calls share their
   * document's position, and positions grow).
   */
  void onChainPosition(long hi, long lo, long seq, LinkSource link) {
    Chain c;
    if (chainLast != null && hi == chainHi && lo == chainLo) {
      c = chainLast;
    } else {
      String runId = Hex.of(hi, lo);
      c = chains.get(runId);
      if (c == null) {
        c = new Chain();
        chains.put(runId, c);
        lastEncoded = null; // the next request re-encodes this run's resource with its chain
      }
      chainHi = hi;
      chainLo = lo;
      chainLast = c;
    }
    if (seq > c.headSeq && link.copyTo(c.head)) {
      c.headSeq = seq;
    }
  }

  /** Fills a 32-byte array with a document's link; false when it has none. */
  interface LinkSource {
    boolean copyTo(byte[] out);
  }

  /** A run's RUN document's chain section: its anchor, and a head. */
  void onRunChainLink(String runId, dev.tooltrace.record.ChainLink link) {
    Chain c = chains.computeIfAbsent(runId, k -> new Chain());
    c.anchor = link.linkHex();
    c.encodedSeq = -1;
    lastEncoded = null;
    if (link.seq() > c.headSeq) {
      System.arraycopy(link.link(), 0, c.head, 0, c.head.length);
      c.headSeq = link.seq();
    }
  }

  static byte[] encode(Resource r) {
    ProtoWriter w = new ProtoWriter(1024);
    int m = w.begin(1);
    KeyValues.all(w, 1, r.getAttributes());
    w.end(m);
    if (r.getSchemaUrl() != null && !r.getSchemaUrl().isEmpty()) {
      w.stringField(3, r.getSchemaUrl());
    }
    return java.util.Arrays.copyOf(w.array(), w.length());
  }

  Resource forRun(String runId) {
    Resource r = byRun.get(runId);
    if (r == null) {
      r = Resource.create(base.getAttributes().toBuilder().put(RUN_ID, runId).build());
      byRun.put(runId, r);
    }
    return r;
  }

  boolean knows(String runId) {
    return byRun.containsKey(runId);
  }

  private static void addScalars(AttributesBuilder b, JsonNode obj) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (matches(e.getKey())) {
        put(b, e.getKey(), e.getValue());
      }
    }
  }

  private static void addAll(AttributesBuilder b, JsonNode obj) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      put(b, e.getKey(), e.getValue());
    }
  }

  private static boolean matches(String key) {
    for (String p : PREFIXES) {
      if (key.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static void put(AttributesBuilder b, String key, JsonNode v) {
    if (v.isTextual()) {
      b.put(AttributeKey.stringKey(key), v.asText());
    } else if (v.isIntegralNumber()) {
      b.put(AttributeKey.longKey(key), v.asLong());
    } else if (v.isNumber()) {
      b.put(AttributeKey.doubleKey(key), v.asDouble());
    } else if (v.isBoolean()) {
      b.put(AttributeKey.booleanKey(key), v.asBoolean());
    } else if (v.isArray()) {
      java.util.List<String> items = new java.util.ArrayList<>();
      v.forEach(x -> items.add(x.isTextual() ? x.asText() : x.toString()));
      b.put(AttributeKey.stringArrayKey(key), items);
    }
  }
}

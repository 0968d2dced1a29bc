/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.repro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tooltrace.cli.render.Json;
import dev.tooltrace.record.CallRecord;
import dev.tooltrace.record.CaptureReader;
import dev.tooltrace.record.CaptureValue;
import dev.tooltrace.record.RecordFormat;
import dev.tooltrace.record.ValueRecord;

/**
 * Decides from the record alone whether a call can be replayed and, if so, writes the worker's
 * spec. Reasons name the argument and its type: a redacted argument, one whose type could not be
 * captured (with the agent's reason), a tool whose arguments were not captured at all, a result
 * without a content hash to compare with.
 */
public final class ReplayPlan {
  private ReplayPlan() {}

  /** The spec for {@link ReplayWorker}; throws with the reason when the call is not replayable. */
  public static ObjectNode spec(CallRecord c, long hashMaxBytes) throws NotReplayableException {
    ObjectNode spec = Json.object();
    spec.put("class", c.codeNamespace());
    spec.put("method", c.codeFunction());
    spec.put("descriptor", c.descriptor());
    spec.put("hashMaxBytes", hashMaxBytes);
    // A result the agent hashed sampled (its budget switched the return value) is compared with a
    // sampled hash of the replayed one.
    spec.put("hashSampled", c.result() != null && c.result().hashSampled());
    ArrayNode args = spec.putArray("args");
    for (ValueRecord v : c.args()) {
      ObjectNode a = args.addObject();
      a.put("name", v.name());
      a.put("type", v.declaredType());
      String what = "argument '" + v.name() + "' (" + typeOf(v) + ")";
      switch (v.kind()) {
        case RecordFormat.VALUE_NULL:
          a.put("kind", "null");
          break;
        case RecordFormat.VALUE_BOOLEAN:
        case RecordFormat.VALUE_INT:
        case RecordFormat.VALUE_LONG:
        case RecordFormat.VALUE_DOUBLE:
          a.put("kind", "primitive");
          a.put("value", v.preview());
          break;
        case RecordFormat.VALUE_REDACTED:
          throw new NotReplayableException(what + " is redacted");
        case RecordFormat.VALUE_UNAVAILABLE:
          throw new NotReplayableException(what + " could not be recorded: " + v.preview());
        default:
          if (v.capture() == null) {
            throw new NotReplayableException(
                what
                    + " was not captured: argument capture is off"
                    + " for tool '"
                    + c.tool()
                    + "' (set capture.args or"
                    + " @Tracked(captureArguments = true))");
          }
          JsonNode cap;
          CaptureValue read;
          try {
            cap = Json.MAPPER.readTree(v.capture());
            read = CaptureReader.read(Json.MAPPER.convertValue(cap, Object.class));
          } catch (java.io.IOException | IllegalArgumentException e) {
            throw new NotReplayableException(what + ": its capture is unreadable (" + e + ")");
          }
          if (read instanceof CaptureValue.Uncaptured) {
            throw new NotReplayableException(
                what + " was not captured: " + ((CaptureValue.Uncaptured) read).reason());
          }
          a.put("kind", "capture");
          a.set("value", cap);
      }
    }
    ValueRecord r = c.result();
    if (!c.error() && r != null && !r.isVoid() && r.hash() == null) {
      throw new NotReplayableException(
          "the recorded result ("
              + typeOf(r)
              + ") has no content"
              + " hash to compare a replay with");
    }
    return spec;
  }

  private static String typeOf(ValueRecord v) {
    return v.actualType().isEmpty() ? v.declaredType() : v.actualType();
  }

  /** What the recorded call produced, in the worker's terms: a hash, "void" or "threw TYPE". */
  public static String recordedOutcome(CallRecord c) {
    if (c.error()) {
      return "threw " + (c.errorInfo() == null ? "?" : c.errorInfo().type());
    }
    if (c.result() == null || c.result().isVoid()) {
      return "void";
    }
    return c.result().hash();
  }
}

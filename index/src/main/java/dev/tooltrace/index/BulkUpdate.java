/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.index;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Sets one column of {@code calls} from a table of {@code (seq, v)} rows. A few rows are an {@code
 * UPDATE}; many (a first build: millions of parents) rewrite the table instead, because DuckDB
 * keeps every updated row's old value in memory until the transaction ends, and ten million of them
 * do not fit in the index's memory limit, while writing a new table streams (and spills). Rows keep
 * their order by {@code seq}, on which the lookups by call rely.
 */
final class BulkUpdate {
  /**
   * Above this many rows the table is rewritten rather than updated ({@code
   * -Dtooltrace.index.rewriteRows}, for tests of the rewrite).
   */
  static long rewriteRows() {
    return Long.getLong("tooltrace.index.rewriteRows", 200_000);
  }

  private BulkUpdate() {}

  static void column(Connection conn, String column, String source) throws SQLException {
    long rows = Sql.count(conn, "SELECT count(*) FROM " + source);
    if (rows == 0) {
      return;
    }
    if (rows <= rewriteRows()) {
      Sql.exec(
          conn,
          "UPDATE calls SET " + column + " = s.v FROM " + source + " s WHERE calls.seq = s.seq");
      return;
    }
    Sql.exec(
        conn,
        "CREATE TABLE calls_rewritten AS SELECT c.* REPLACE (coalesce(s.v, c."
            + column
            + ") AS "
            + column
            + ") FROM calls c LEFT JOIN "
            + source
            + " s ON s.seq = c.seq ORDER BY c.seq",
        "DROP TABLE calls",
        "ALTER TABLE calls_rewritten RENAME TO calls");
  }
}
